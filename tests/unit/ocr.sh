#!/usr/bin/env bash
# ocr.sh: text in images, read back. Each row renders a prompt that writes
# text on a surface (sign, board, banner, poster, shirt, cake, book, mug,
# shop, title) in one of the style presets, at 512 or 1024 px, and tesseract
# reads it back (--psm 11, sparse text). A row passes when each of the text's
# words is among the words tesseract reads, whole (case-insensitive;
# punctuation noise at a word's edges is ignored); the table passes at 90 %
# of its rows.
#
# TAP on stdout (automake's tap driver). Skips when tesseract is missing.
# IMAGES_OCR_ROWS=N runs the first N rows only; a sanitizer build (slow
# renders) runs 12 unless told otherwise. IMAGES_RENDER names the renderer.
set -u

RENDER=${IMAGES_RENDER:-./app/images-render}
# Two rows run at once, one per core: tesseract's own OpenMP threads would only fight them
# (56 s -> 48 s for the table here, the same reads).
export OMP_THREAD_LIMIT=1
PREP=${IMAGES_OCR_PREP:-./tests/unit/ocr_prep}
TMP=$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/ocr.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

if ! command -v tesseract >/dev/null 2>&1; then
	echo "1..0 # SKIP tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-eng)"
	exit 0
fi
if [ ! -x "$RENDER" ]; then
	echo "1..0 # SKIP $RENDER not built"
	exit 0
fi
# Shirts, cakes, books and shops are artwork: without the index (a build from the release
# tarball) the table is not the one this test measures.
if [ ! -s "${IMAGES_ARTWORK:-app/render/artwork.idx}" ]; then
	echo "1..0 # SKIP no artwork index (a build without assets/node_modules)"
	exit 0
fi

# style | size | prompt | the text expected
ROWS=$(cat <<'TABLE'
plain|512|a sign saying 'OPEN'|OPEN
comic|1024|a sign that says "Welcome Home"|Welcome Home
watercolor|512|a wooden sign reading 'Beach 200m'|Beach 200m
oil-painting|1024|a sign with the text "Fresh Coffee"|Fresh Coffee
vintage-photo|512|a sign labeled 'EXIT'|EXIT
claymation|1024|a red sign saying 'STOP'|STOP
plain|1024|a blackboard with the words "Hello World"|Hello World
comic|512|a chalkboard that reads 'Math 101'|Math 101
watercolor|1024|a whiteboard saying "Meeting at 3pm"|Meeting at 3pm
oil-painting|512|a whiteboard with the text 'Agenda'|Agenda
plain|512|a banner reading 'Grand Opening'|Grand Opening
vintage-photo|1024|a blue banner saying "SALE 50"|SALE 50
claymation|512|a banner with the words 'Happy New Year'|Happy New Year
comic|1024|a poster saying "Concert Tonight"|Concert Tonight
watercolor|512|a poster titled 'Adventure'|Adventure
plain|1024|the word 'hello'|hello
oil-painting|1024|the word "Dream"|Dream
vintage-photo|512|the text 'Paris 1925'|Paris 1925
claymation|1024|a logo that says 'ACME'|ACME
comic|512|a title "The Journey"|The Journey
plain|512|a t-shirt that says 'Rock'|Rock
watercolor|1024|a shirt with the words "Team Blue"|Team Blue
oil-painting|512|a t-shirt saying 'NASA'|NASA
plain|1024|a cake with 'Happy Birthday' written on it|Happy Birthday
comic|512|a birthday cake saying "Congrats"|Congrats
vintage-photo|1024|a cake that says 'Anna 30'|Anna 30
plain|512|a book titled "Chemistry"|Chemistry
claymation|1024|a book with the title 'Poems'|Poems
watercolor|512|a mug that says "BOSS"|BOSS
oil-painting|1024|a mug saying 'Coffee'|Coffee
plain|1024|a shop with a sign saying "Bakery"|Bakery
comic|512|a store labeled 'Market'|Market
vintage-photo|512|graffiti saying 'Freedom'|Freedom
claymation|512|graffiti that says "Wild Style"|Wild Style
plain|512|a sign saying hello|hello
watercolor|1024|the word 'Sunshine' written on a blackboard|Sunshine
oil-painting|512|a sign next to a tree that says 'Forest Trail'|Forest Trail
comic|1024|a billboard saying "Drink Cola"|Drink Cola
vintage-photo|1024|a placard saying 'Vote Now'|Vote Now
claymation|512|a plaque reading "Est 1890"|Est 1890
plain|1024|a sign saying “Quiet Please”|Quiet Please
watercolor|512|a board saying ‘Lunch Menu’|Lunch Menu
oil-painting|1024|a chalkboard saying 'Soup of the Day'|Soup of the Day
comic|512|a yellow sign saying 'Caution'|Caution
vintage-photo|512|a whiteboard that reads "Brainstorm"|Brainstorm
claymation|1024|a poster with the words 'Summer Festival 2024'|Summer Festival 2024
plain|512|a sign at night saying 'Hotel'|Hotel
comic|1024|a sign on a beach saying 'Surf Shop'|Surf Shop
watercolor|512|a green banner saying "Welcome"|Welcome
oil-painting|512|a poster that says 'Cinema'|Cinema
vintage-photo|1024|the words "Good Morning"|Good Morning
claymation|1024|a sign saying 'Zoo 42'|Zoo 42
plain|1024|a sign saying 'Internationalization'|Internationalization
comic|512|a blackboard saying 'Python'|Python
watercolor|1024|a sign saying 'Library'|Library
oil-painting|512|a banner saying 'Marathon 2025'|Marathon 2025
vintage-photo|512|a book titled 'Atlas'|Atlas
claymation|512|a t-shirt saying 'Tokyo'|Tokyo
plain|512|a cake saying 'Love'|Love
comic|1024|a mug saying 'Tea Time'|Tea Time
watercolor|512|a sign saying 'Garden Party' in the snow|Garden Party
oil-painting|1024|a whiteboard saying 'Q3 Goals'|Q3 Goals
TABLE
)

max=${IMAGES_OCR_ROWS:-}
if [ -z "$max" ] && command -v ldd >/dev/null && ldd "$RENDER" 2>/dev/null | grep -q libasan; then
	max=12 # sanitizer renders are many times slower
fi
nrows=$(printf '%s\n' "$ROWS" | wc -l)
[ -n "$max" ] && [ "$max" -lt "$nrows" ] && nrows=$max

# The words tesseract reads, one per line, upper case, punctuation cut from their edges.
words_of() {
	tr '[:lower:]' '[:upper:]' | tr -s ' \t\r\n' '\n' |
		sed -e 's/^[^[:alnum:]]*//' -e 's/[^[:alnum:]]*$//' | grep -v '^$'
}

# Whether every expected word is among the words read, each whole and as often as written.
# (Sparse-text mode reads wrapped lines in no fixed order, so order is not asked for.)
contains() { # expected-file ocr-file
	awk 'NR == FNR { want[$0]++; next } { got[$0]++ }
		END { for (w in want) if (got[w] < want[w]) exit 1; exit 0 }' "$1" "$2"
}

# Renders and reads one row; writes "ok" or what was read into $TMP/row.N.
one() {
	local i=$1 style=$2 size=$3 prompt=$4 want=$5 img="$TMP/$1.png" args=()
	[ "$style" != plain ] && args=(--style "$style")
	if ! "$RENDER" "$prompt" "${args[@]}" --size "${size}x${size}" --seed "$i" -o "$img" \
		>"$TMP/$i.log" 2>&1; then
		echo "render failed: $(tail -n 1 "$TMP/$i.log")" >"$TMP/row.$i"
		return
	fi
	printf '%s\n' "$want" | words_of >"$TMP/$i.want"
	local read_all="" src k1=$((size / 384)) k2=$((size / 256))
	[ "$k1" -lt 1 ] && k1=1
	# Grey and shrunk at two sizes (letters the size tesseract reads best, halftone dots
	# averaged out), and the negatives: light letters on a chalkboard read far better dark on
	# light.
	if [ -x "$PREP" ]; then
		"$PREP" "$k1" "$img" "$TMP/$i.g1.png" 2>/dev/null
		"$PREP" -n "$k1" "$img" "$TMP/$i.n1.png" 2>/dev/null
		"$PREP" "$k2" "$img" "$TMP/$i.g2.png" 2>/dev/null
		"$PREP" -n "$k2" "$img" "$TMP/$i.n2.png" 2>/dev/null
	fi
	# Adaptive thresholds (Sauvola): a global one loses dark letters on a panel that dark wood
	# frames. The rendered image as it is comes last.
	for cfg in g1 n1 g2 n2 p; do
		src=$TMP/$i.$cfg.png
		[ "$cfg" = p ] && src=$img
		[ -f "$src" ] || continue
		tesseract "$src" - --psm 11 -c thresholding_method=2 2>/dev/null | words_of >"$TMP/$i.got"
		if contains "$TMP/$i.want" "$TMP/$i.got"; then
			echo ok >"$TMP/row.$i"
			return
		fi
		read_all="$read_all[$(tr '\n' ' ' <"$TMP/$i.got" | cut -c1-60)]"
	done
	echo "read $read_all" >"$TMP/row.$i"
}

echo "1..$((nrows + 1))"
i=0
while IFS='|' read -r style size prompt want; do
	i=$((i + 1))
	[ "$i" -gt "$nrows" ] && break
	one "$i" "$style" "$size" "$prompt" "$want" &
	# Two at a time: the machine's cores, and tesseract's own threads.
	[ $((i % 2)) -eq 0 ] && wait
done <<<"$ROWS"
wait

pass=0 fail=0 i=0
while IFS='|' read -r style size prompt want; do
	i=$((i + 1))
	[ "$i" -gt "$nrows" ] && break
	r=$(cat "$TMP/row.$i" 2>/dev/null || echo "no result")
	if [ "$r" = ok ]; then
		pass=$((pass + 1))
		echo "ok $i - $style ${size}px: $prompt -> \"$want\""
	else
		fail=$((fail + 1))
		# A row may miss; the table's figure below is what must hold.
		echo "not ok $i - $style ${size}px: $prompt -> \"$want\" # TODO $r"
	fi
done <<<"$ROWS"
echo "# $pass passed, $fail failed of $nrows rows"
if [ $((pass * 100)) -ge $((nrows * 90)) ]; then
	echo "ok $((nrows + 1)) - at least 90 % of the rows read back exactly ($pass/$nrows)"
else
	echo "not ok $((nrows + 1)) - at least 90 % of the rows read back exactly ($pass/$nrows)"
fi
