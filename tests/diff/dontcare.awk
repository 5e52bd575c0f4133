# Prints, for one .decode table, the mask of its '-'/'.' bits per line, in
# line order (the order of the generated patterns table), as a C array
# named by -v fn. These bits are SBZ in the ARM ARM; the generator
# leaves them zero so that the emulators' treatment of encodings
# the architecture calls UNPREDICTABLE does not drown the real results.
{
    sub(/#.*/, "")
    if ($0 ~ /^[ \t]*$/) next
    pat = ""
    for (i = 2; i <= NF; i++) pat = pat $i
    len = length(pat); m = 0
    for (i = 1; i <= len; i++) {
        ch = substr(pat, i, 1)
        if (ch == "-" || ch == ".") m += 2 ^ (len - i)
    }
    v[++n] = sprintf("0x%08xu", m)
}
END {
    printf("static const uint32_t %s[] = {", fn)
    for (k = 1; k <= n; k++) printf("%s%s", k > 1 ? ", " : " ", v[k])
    printf("%s0 };\n", n ? ", " : " ")
}
