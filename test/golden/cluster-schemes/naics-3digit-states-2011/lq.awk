# Cluster employment and cluster LQ of the user scheme in scheme.csv, straight from the shipped CBP file.
# usage: awk -F, -f lq.awk scheme.csv ../../../../data/us-cbp-state-naics/cbp_state_naics_2007_2011.csv
# Every code of the scheme is a 3-digit NAICS code reported (empflag empty) in all 51 states in 2011, so the
# cluster employment of a state is the plain sum of its codes' emp values. LQ with traded/local denominators:
# LQ(r,c) = (E(r,c) / E(r,type c)) / (E(.,c) / E(.,type c)). States in file order (ascending FIPS), clusters in
# scheme order. Works with mawk and gawk (no gawk extensions).
FNR == 1 { file++; next }
file == 1 { cluster[$1] = $2; if (!($2 in type)) cs[++m] = $2; type[$2] = $4; next }
$1 == 2011 && $4 == 3 {
  code = substr($3, 1, 3)
  if (!(code in cluster)) next
  if ($7 != "") { print "suppressed cell " $2 " " code > "/dev/stderr"; exit 1 }
  c = cluster[code]; e[$2, c] += $6; if (!($2 in states)) s[++n] = $2; states[$2] = 1; total[c] += $6
  regionType[$2, type[c]] += $6; nationType[type[c]] += $6
}
END {
  printf "{\n  \"year\": 2011,\n  \"clusters\": ["
  for (j = 1; j <= m; j++) printf "%s\"%s\"", (j > 1 ? ", " : ""), cs[j]
  printf "],\n  \"regions\": {\n"
  for (i = 1; i <= n; i++) {
    r = s[i]; printf "    \"US-%s\": {", r
    for (j = 1; j <= m; j++) {
      c = cs[j]; t = type[c]
      lq = (e[r, c] / regionType[r, t]) / (total[c] / nationType[t])
      printf "%s\"%s\": { \"employment\": %d, \"lq\": %.10f }", (j > 1 ? ", " : " "), c, e[r, c], lq
    }
    printf " }%s\n", (i < n ? "," : "")
  }
  printf "  }\n}\n"
}
