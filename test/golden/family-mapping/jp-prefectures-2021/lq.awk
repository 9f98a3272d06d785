# Family LQs of Hokkaido (01) and Tokyo (13), 2021, from the shipped Economic Census file (no ClusterLens code):
#   awk -F, -f lq.awk data/japan-prefectures/jp_pref_industry_long.csv
# Families: B-E = division E (manufacturing), J = division G (information and communications),
# G-I = divisions I + M (wholesale and retail; accommodations, eating and drinking). Denominator: AR (all industries).
$1 == 2021 {
  if ($4 == "AR") { tot[$2] = $7; T += $7 }
  if ($4 == "E") { be[$2] = $7; BE += $7 }
  if ($4 == "G") { j[$2] = $7; J += $7 }
  if ($4 == "I" || $4 == "M") { gi[$2] += $7; GI += $7 }
}
END {
  printf "Japan: total %d; B-E %d; J %d; G-I %d\n", T, BE, J, GI
  split("01 13", ps, " ")
  for (k = 1; k <= 2; k++) {
    p = ps[k]
    printf "%s total %d: B-E %d LQ %.6f; J %d LQ %.6f; G-I %d LQ %.6f\n", p, tot[p], be[p], (be[p] / tot[p]) / (BE / T), j[p], (j[p] / tot[p]) / (J / T), gi[p], (gi[p] / tot[p]) / (GI / T)
  }
}
