# A shell script for BusyBox's sh, run twice by tests/debian/run-arm64.sh:
# by Debian's arm64 busybox-static under tern-aarch64 and by the host's
# x86-64 busybox.  The two outputs must be identical, byte for byte.
#
# It runs in an empty scratch directory, with PATH naming only BusyBox
# applets, LC_ALL=C and TZ=UTC.  Everything it prints must be a function
# of this file alone: no dates, process ids, random numbers or host paths.
# It uses BusyBox ash's extensions and odd constructs on purpose, hence:
# shellcheck disable=all

section() { printf '\n== %s\n' "$1"; }

section "arithmetic"
echo $((6 * 7)) $((-7 / 2)) $((-7 % 2)) $((7 % -2)) $((2 ** 10))
echo $((1 << 62)) $((0x7fffffffffffffff)) $((0x7fffffffffffffff + 1))
echo $((-1 >> 1)) $((0xf0 & 0x3c)) $((0xf0 | 0x0f)) $((0xff ^ 0x0f)) $((~5))
echo $((3 > 2)) $((2 >= 3)) $((1 && 0)) $((0 || 4)) $((!0)) $((5 ? 8 : 9))
i=10; i=$((i * 3 + 1)); : $((i += 4)); echo "i=$i"
echo $(( (123456789 * 987654321) % 1000000007 ))
echo $((010 + 0x10 + 10))

section "loops and functions"
fib() {
    a=0 b=1 n=$1
    while [ "$n" -gt 0 ]; do
        t=$((a + b)); a=$b; b=$t; n=$((n - 1))
    done
    echo "$a"
}
for n in 1 2 10 50 90; do printf 'fib(%d) = %s\n' "$n" "$(fib "$n")"; done
fact() {
    if [ "$1" -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi
}
echo "20! = $(fact 20)"
gcd() {
    local a=$1 b=$2 t
    while [ "$b" -ne 0 ]; do t=$((a % b)); a=$b; b=$t; done
    echo "$a"
}
echo "gcd = $(gcd 1071 462) $(gcd 2147483648 1610612736)"
primes=
n=2
while [ "$n" -lt 120 ]; do
    d=2 p=1
    while [ $((d * d)) -le "$n" ]; do
        if [ $((n % d)) -eq 0 ]; then p=0; break; fi
        d=$((d + 1))
    done
    [ "$p" = 1 ] && primes="$primes $n"
    n=$((n + 1))
done
echo "primes:$primes"
count=0
for w in alpha beta gamma delta epsilon; do
    case $w in
    a*|e*) echo "$w starts with a vowel" ;;
    *[lm]*) echo "$w has l or m" ;;
    *) echo "$w: other" ;;
    esac
    count=$((count + ${#w}))
done
echo "letters: $count"
j=0
until [ "$j" -ge 5 ]; do j=$((j + 1)); [ "$j" = 3 ] && continue; printf '%s ' "$j"; done
echo

section "strings"
s=hello.world.tar.gz
echo "${#s} ${s%.*} ${s%%.*} ${s#*.} ${s##*.} ${s/o/0} ${s//o/0}"
unset u; echo "[${u:-default}] [${u-unset}] [${s:+set}]"
set -- one "two three" four
echo "$# args: $1 | $2 | $3"; shift; echo "after shift: $*"
IFS=: read -r f1 f2 f3 <<EOF
root:x:0
EOF
echo "fields: $f1 $f2 $f3"
printf '%5d|%-5s|%05.1f|%x|%o|%e|%c\n' 42 ab 3.14159 255 8 12345.678 xyz
printf '%s\n' "quoted \"words\"" 'single $x' "tab	here" | cat -A 2>/dev/null || true

section "here-doc, read loop, pipes"
cat > data.txt <<'EOF'
banana 3 yellow
apple 12 red
cherry 7 red
date 1 brown
elderberry 25 purple
fig 7 purple
grape 30 green
apple 5 green
EOF
total=0 reds=
while read -r fruit qty colour; do
    total=$((total + qty))
    [ "$colour" = red ] && reds="$reds $fruit"
done < data.txt
echo "total quantity: $total; red:$reds"
sort data.txt | head -n 3
sort -k2,2n -k1,1 data.txt | tail -n 3
sort -k3,3 -k2,2nr data.txt | awk '{print $3 ":" $1}' | uniq
cut -d' ' -f3 data.txt | sort | uniq -c | sort -k1,1nr -k2
grep -c red data.txt; grep -n -E '^(apple|fig) ' data.txt; grep -v -w 7 data.txt | wc -l
grep -o 'rr[a-z]*' data.txt; grep -i -e APPLE data.txt | tr a-z A-Z
tr -d aeiou < data.txt | head -n 2; tr -s 'a-z' < data.txt | sed -n 5p
seq 1 20 | paste -s -d+ | tee sum.txt
echo "= $(( $(cat sum.txt) ))"
seq 10 -3 -5 | xargs echo
seq 1 1000 | grep 7 | wc -l
printf 'b\na\nc\na\nb\n' | sort -u | tr '\n' ','; echo
echo "one two three" | { read -r x y z; echo "$z $y $x"; }

section "sed"
sed 's/\([a-z]*\) \([0-9]*\)/\2=\1/' data.txt
sed -n '/cherry/,/fig/p' data.txt
sed -e '1!G;h;$!d' data.txt
sed '2,4d; s/e/E/g; y/abc/ABC/' data.txt
printf 'x=1\ny=2\nz=3\n' | sed -n 's/^\(.\)=\(.\)$/\2\1/p'
echo "path/to/some/file.c" | sed 's|.*/||; s/\.c$/.o/'

section "awk"
awk '{ s[$3] += $2; n[$3]++ } END { for (c in s) printf "%s %d %.3f\n", c, s[c], s[c] / n[c] }' data.txt | sort
# (Debian's BusyBox awk has no math library: sqrt and e by hand.)
awk 'function root(x,  r, i) { r = x; for (i = 0; i < 30; i++) r = (r + x / r) / 2; return r }
     BEGIN { for (i = 1; i <= 10; i++) printf "%d:%.10f %.6e\n", i, root(i), i * i * i * root(i) }'
awk 'BEGIN { e = 1; t = 1; for (i = 1; i < 20; i++) { t /= i; e += t }
             p = 0; for (k = 0; k < 10000; k++) p += (k % 2 ? -4 : 4) / (2 * k + 1)
             printf "%.15f %.12f %.3e %.17g\n", e, p, 1 / 7, 2 / 3 }'
# (%d of a value outside int's range differs between x86-64 and arm64,
# natively: BusyBox converts with a plain C cast.  Stay inside it.)
awk 'BEGIN { b = 65536 * 16384; printf "%d %d %d %.0f %.0f\n", int(-3.7), int(b), -b * 2, b * 8388608 + 1, b * 8388608 + 3 }'
awk 'BEGIN { printf "%.17g %.17g %g %g\n", 0.1 + 0.2, 1 / 3, 1e300 * 1e10, -1e-320 }'
awk -F: 'BEGIN { OFS = "-" } { $1 = toupper($1); print $0, NF, length($2) }' <<'EOF'
ab:cde:f
gh::ijk:l
EOF
echo "the quick brown fox jumps over the lazy dog" |
    awk '{ n = split($0, w, " "); for (i = n; i > 0; i--) printf "%s%s", w[i], (i > 1 ? " " : "\n");
           gsub(/o/, "0"); print; print substr($0, 5, 11), index($0, "fox"), match($0, /j[a-z]+/), RSTART, RLENGTH }'
seq 1 100 | awk '$1 % 7 == 0 { c++; s += $1 } END { print c, s, s / c }'

section "files"
mkdir -p d/sub
for f in one two three; do echo "$f" > "d/$f.txt"; done
echo nested > d/sub/deep.txt
find d -type f | sort
ls d | tr '\n' ' '; echo
cat d/*.txt | wc -c
cp d/one.txt d/copy.txt && cmp d/one.txt d/copy.txt && echo "copy is equal"
mv d/copy.txt d/moved.txt; ls d
rm -r d/sub; ls -a d | tr '\n' ' '; echo
wc -l < data.txt; wc -w data.txt; head -c 20 data.txt | od -An -c

section "checksums and compression"
seq 1 5000 > numbers.txt
md5sum numbers.txt; sha1sum numbers.txt; sha256sum numbers.txt; sha512sum numbers.txt | cut -c1-64
dd if=/dev/zero bs=1024 count=64 2>/dev/null | md5sum
gzip -9 -c numbers.txt > numbers.gz; gzip -dc numbers.gz | cmp - numbers.txt && echo "gzip round trip ok"
md5sum < numbers.gz
bzip2 -c numbers.txt > numbers.bz2; bzip2 -dc numbers.bz2 | cmp - numbers.txt && echo "bzip2 round trip ok"
md5sum < numbers.bz2
base64 numbers.gz | head -n 2; base64 numbers.gz | base64 -d | cmp - numbers.gz && echo "base64 round trip ok"
od -An -tx1 -N 16 numbers.bz2

section "subshells, status, background"
(cd d && pwd | sed 's|.*/||')
false || echo "false failed ($?)"; true && echo "true succeeded"
sh -c 'exit 7'; echo "status $?"
x=outer; (x=inner; echo "$x"); echo "$x"
out=$(for i in 1 2 3; do echo "line $i"; done | tail -n 1); echo "$out"
sleep 0 & wait $!; echo "background job done: $?"
a=$(echo left) b=$(echo right); echo "$a-$b"
trap 'echo "trap on exit"' EXIT
echo "expr: $(expr 7 \* 6) $(expr length hello) $(expr substr abcdef 2 3)"
test -f data.txt && [ -d d ] && [ ! -e nothing ] && echo "tests ok"
[ "abc" \< "abd" ] && [ 10 -gt 9 ] && echo "comparisons ok"
