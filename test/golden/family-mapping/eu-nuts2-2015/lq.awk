# Family LQs of DE21 and FR10 in 2015 straight from the published Eurostat TSV (no ClusterLens code):
#   awk -F'\t' -f lq.awk data/eu-lfs-nuts2-nace/lfst_r_lfe2en2.tsv
# Regions: the NUTS-2 codes (4 characters, not the EU/EA aggregates) with a 2015 TOTAL for persons aged 15+.
# Reference share of family f: sum of f over the regions where f is published / sum of their TOTALs.
NR > 1 {
  split($1, k, ",")
  if (k[1] != "THS" || k[3] != "Y_GE15") next
  geo = k[4]
  if (length(geo) != 4 || geo ~ /^E[AU]/) next
  v = $2; gsub(/ /, "", v)
  if (v ~ /^:/) next
  sub(/[a-z]+$/, "", v)
  val[geo "," k[2]] = v + 0
  if (k[2] == "TOTAL") tot[geo] = v + 0
}
END {
  n = 0; for (g in tot) n++
  print "regions with a 2015 TOTAL:", n
  split("B-E J K", fams, " ")
  for (i = 1; i <= 3; i++) {
    f = fams[i]; se = 0; st = 0; m = 0
    for (g in tot) { if ((g "," f) in val) { se += val[g "," f]; st += tot[g] } else m++ }
    printf "%s: sum over %d regions = %.1f of %.1f thousand, reference share %.10f (%d regions without a value)\n", f, n - m, se, st, se / st, m
    split("DE21 FR10", rs, " ")
    for (j = 1; j <= 2; j++) { r = rs[j]; printf "  %s %s: %.1f / %.1f = %.10f; LQ = %.6f\n", r, f, val[r "," f], tot[r], val[r "," f] / tot[r], (val[r "," f] / tot[r]) / (se / st) }
  }
}
