/*
 * artgen: the build-time generator of the engine's artwork index.
 *
 *   artgen NODE_MODULES_DIR OUT_FILE [WORDNET_DIR]
 *
 * Reads the colour emoji artwork (@iconify-json/noto: SVG bodies keyed by
 * name, chars.json: codepoints -> name) and its English names
 * (emojibase-data: label, tags, shortcodes, group and subgroup) and writes
 * one compact file (format in artwork.h) that the engine maps at start:
 * every artwork with its SVG, a real-world height from its category, and
 * flags; every noun (singular, plural) pointing at one artwork; every phrase
 * (a noun's singular or plural) sorted for binary search.
 *
 * Which artwork a word means: a label beats a shortcode beats a tag; among
 * equals, whole-body artwork beats a face, then the lower emoji order wins.
 * Tags that are adjectives or verbs ("happy", "running") are skipped, so a
 * mood word never becomes a thing.
 *
 * With WordNet (Debian's wordnet-base), a noun for a kind of something drawn
 * is drawn as that something: "pelican" as the bird, "retriever" as the dog,
 * "limousine" as the car, "skateboarder" as a person. Only a short list of
 * everyday categories is followed (kinds[] below), never a broad one like
 * "container" or "fruit", so nothing is drawn as a different thing.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artwork.h"
#include "wordnet.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_TERMS 40000
#define MAX_ARTS 4000
#define TERM_MAX 48

struct term {
	char text[TERM_MAX];
	int art;
	int prio; /* 4 synonym, 3 label, 2 shortcode, 1 tag, 0 the label's head noun, -1 WordNet */
	int order;
};

struct art {
	const char *label;
	const char *svg;
	int vw, vh;
	int group, subgroup, order;
	float height;
	unsigned flags;
};

static struct term terms[MAX_TERMS];
static int nterms;
static struct art arts[MAX_ARTS];
static int narts;

/* Real-world height in metres of a typical member of each emojibase subgroup. */
/* clang-format off */
static const struct {
	int subgroup;
	float height;
	unsigned flags;
} subgroup_info[] = {
	{ 11, 1.2f, ART_WHOLE | ART_ANIMAL }, /* face-costume: ghost, alien, robot, clown */
	{ 12, 0.3f, 0 }, { 13, 0.4f, 0 },
	{ 22, 0.25f, 0 },                      /* body parts */
	{ 23, 1.7f, ART_PERSON | ART_WHOLE }, { 25, 1.7f, ART_PERSON | ART_WHOLE },
	{ 26, 1.8f, ART_PERSON | ART_WHOLE }, { 27, 1.7f, ART_PERSON | ART_WHOLE },
	{ 28, 1.7f, ART_PERSON | ART_WHOLE }, { 29, 1.0f, ART_PERSON | ART_WHOLE },
	{ 30, 1.7f, ART_PERSON | ART_WHOLE },
	{ 34, 0.9f, ART_WHOLE | ART_TINT | ART_ANIMAL }, { 35, 0.35f, ART_WHOLE | ART_TINT | ART_ANIMAL },
	{ 36, 0.12f, ART_WHOLE | ART_TINT | ART_ANIMAL }, { 37, 0.5f, ART_WHOLE | ART_TINT | ART_ANIMAL },
	{ 38, 1.0f, ART_WHOLE | ART_TINT | ART_ANIMAL }, { 39, 0.04f, ART_WHOLE | ART_TINT | ART_ANIMAL },
	{ 40, 0.45f, ART_WHOLE | ART_TINT }, { 41, 1.2f, ART_WHOLE },
	{ 42, 0.12f, ART_WHOLE | ART_TINT }, /* fruit */
	{ 43, 0.18f, ART_WHOLE | ART_TINT }, /* vegetables */
	{ 44, 0.14f, ART_WHOLE | ART_TINT }, /* prepared food */
	{ 45, 0.14f, ART_WHOLE | ART_TINT }, { 46, 0.14f, ART_WHOLE | ART_TINT }, { 47, 0.18f, ART_WHOLE | ART_TINT },
	{ 48, 0.25f, ART_WHOLE | ART_TINT },
	{ 49, 0.5f, ART_WHOLE }, { 50, 40.0f, ART_WHOLE }, { 51, 14.0f, ART_WHOLE | ART_TINT },
	{ 52, 16.0f, ART_WHOLE | ART_TINT }, { 53, 6.0f, ART_WHOLE },
	{ 54, 1.8f, ART_WHOLE | ART_TINT }, { 55, 4.0f, ART_WHOLE | ART_TINT },
	{ 56, 4.0f, ART_WHOLE | ART_TINT | ART_FLOATS }, { 57, 0.7f, ART_WHOLE | ART_TINT },
	{ 58, 0.35f, ART_WHOLE | ART_TINT }, { 59, 3.0f, ART_WHOLE | ART_FLOATS },
	{ 60, 0.6f, ART_WHOLE | ART_TINT }, { 61, 0.15f, ART_WHOLE }, { 62, 0.3f, ART_WHOLE | ART_TINT },
	{ 63, 0.25f, ART_WHOLE | ART_TINT }, { 64, 0.35f, ART_WHOLE | ART_TINT },
	{ 65, 0.35f, ART_WHOLE | ART_TINT }, { 66, 0.3f, ART_WHOLE | ART_TINT },
	{ 67, 0.3f, ART_WHOLE }, { 68, 1.0f, ART_WHOLE | ART_TINT }, { 69, 0.16f, ART_WHOLE | ART_TINT },
	{ 70, 0.45f, ART_WHOLE | ART_TINT }, { 71, 0.35f, ART_WHOLE | ART_TINT },
	{ 72, 0.28f, ART_WHOLE | ART_TINT }, { 73, 0.12f, ART_WHOLE }, { 74, 0.3f, ART_WHOLE | ART_TINT },
	{ 75, 0.16f, ART_WHOLE | ART_TINT }, { 76, 0.3f, ART_WHOLE | ART_TINT },
	{ 77, 0.12f, ART_WHOLE | ART_TINT }, { 78, 0.35f, ART_WHOLE | ART_TINT },
	{ 79, 0.3f, ART_WHOLE | ART_TINT }, { 80, 0.2f, ART_WHOLE }, { 81, 0.7f, ART_WHOLE | ART_TINT },
	{ 82, 0.3f, ART_WHOLE | ART_TINT }, { 97, 1.6f, ART_WHOLE },
};
/* clang-format on */

/* Heights that differ a lot from their subgroup's, by label. */
/* clang-format off */
static const struct {
	const char *label;
	float height;
} height_overrides[] = {
	{ "elephant", 3.2f }, { "giraffe", 5.0f }, { "whale", 10.0f }, { "spouting whale", 8.0f },
	{ "horse", 1.7f }, { "cow", 1.5f }, { "ox", 1.6f }, { "water buffalo", 1.6f },
	{ "camel", 2.1f }, { "two-hump camel", 2.1f }, { "rhinoceros", 1.8f }, { "hippopotamus", 1.6f },
	{ "mammoth", 3.5f }, { "bison", 1.8f }, { "moose", 2.0f }, { "deer", 1.3f },
	{ "mouse", 0.08f }, { "rat", 0.15f }, { "hamster", 0.1f }, { "rabbit", 0.3f },
	{ "chipmunk", 0.12f }, { "hedgehog", 0.15f }, { "bat", 0.15f }, { "cat", 0.32f },
	{ "black cat", 0.32f }, { "dog", 0.6f }, { "poodle", 0.5f }, { "guide dog", 0.6f },
	{ "service dog", 0.6f }, { "pig", 0.9f }, { "sheep", 1.0f }, { "ewe", 1.0f }, { "ram", 1.0f },
	{ "goat", 0.8f }, { "llama", 1.8f }, { "gorilla", 1.7f }, { "orangutan", 1.4f },
	{ "monkey", 0.6f }, { "bear", 1.6f }, { "polar bear", 1.8f }, { "panda", 1.2f },
	{ "koala", 0.7f }, { "sloth", 0.6f }, { "otter", 0.5f }, { "skunk", 0.3f },
	{ "kangaroo", 1.6f }, { "badger", 0.3f }, { "fox", 0.45f }, { "wolf", 0.8f },
	{ "raccoon", 0.4f }, { "lion", 1.2f }, { "tiger", 1.1f }, { "leopard", 0.8f },
	{ "zebra", 1.4f }, { "donkey", 1.2f }, { "unicorn", 1.8f }, { "boar", 0.9f },
	{ "beaver", 0.4f }, { "turkey", 0.8f }, { "peacock", 1.0f }, { "flamingo", 1.2f },
	{ "swan", 0.9f }, { "eagle", 0.8f }, { "ostrich", 2.2f }, { "penguin", 0.7f },
	{ "owl", 0.4f }, { "dodo", 0.8f }, { "goose", 0.8f }, { "chicken", 0.45f },
	{ "rooster", 0.5f }, { "baby chick", 0.1f }, { "hatching chick", 0.1f }, { "bird", 0.2f },
	{ "crocodile", 0.6f }, { "dragon", 8.0f }, { "sauropod", 12.0f }, { "T-Rex", 6.0f },
	{ "turtle", 0.3f }, { "snake", 0.3f }, { "lizard", 0.15f }, { "frog", 0.1f },
	{ "shark", 2.0f }, { "dolphin", 1.2f }, { "fish", 0.25f }, { "tropical fish", 0.2f },
	{ "blowfish", 0.25f }, { "octopus", 0.6f }, { "seal", 0.8f }, { "spiral shell", 0.08f },
	{ "snail", 0.05f }, { "butterfly", 0.1f }, { "bug", 0.03f }, { "ant", 0.01f },
	{ "honeybee", 0.02f }, { "lady beetle", 0.01f }, { "spider", 0.04f }, { "scorpion", 0.06f },
	{ "sunflower", 1.6f }, { "evergreen tree", 8.0f }, { "deciduous tree", 8.0f },
	{ "palm tree", 8.0f }, { "herb", 0.2f }, { "four leaf clover", 0.1f }, { "potted plant", 0.6f },
	{ "sheaf of rice", 0.8f }, { "fallen leaf", 0.1f }, { "leaf fluttering in wind", 0.1f },
	{ "maple leaf", 0.12f }, { "mushroom", 0.1f }, { "seedling", 0.15f }, { "wood", 0.4f },
	{ "rock", 0.6f }, { "watermelon", 0.3f }, { "pineapple", 0.3f }, { "coconut", 0.2f },
	{ "pumpkin", 0.35f }, { "jack-o-lantern", 0.35f }, { "christmas tree", 2.2f },
	{ "bicycle", 1.0f }, { "motor scooter", 1.1f }, { "kick scooter", 1.0f },
	{ "skateboard", 0.15f }, { "bus", 3.2f }, { "trolleybus", 3.2f }, { "tractor", 2.5f },
	{ "locomotive", 4.0f }, { "fire engine", 3.0f }, { "delivery truck", 3.0f },
	{ "articulated lorry", 3.5f }, { "ambulance", 2.6f }, { "police car", 1.5f },
	{ "taxi", 1.5f }, { "automobile", 1.5f }, { "sport utility vehicle", 1.8f },
	{ "pickup truck", 1.8f }, { "racing car", 1.1f }, { "motorcycle", 1.2f },
	{ "auto rickshaw", 1.8f }, { "manual wheelchair", 1.0f }, { "motorized wheelchair", 1.1f },
	{ "ship", 20.0f }, { "passenger ship", 15.0f }, { "ferry", 10.0f }, { "canoe", 0.6f },
	{ "speedboat", 1.5f }, { "motor boat", 2.0f }, { "sailboat", 8.0f },
	{ "airplane", 12.0f }, { "small airplane", 3.0f }, { "helicopter", 4.0f },
	{ "rocket", 30.0f }, { "flying saucer", 4.0f }, { "parachute", 6.0f }, { "satellite", 3.0f },
	{ "cloud", 30.0f }, { "sun", 40.0f }, { "rainbow", 60.0f }, { "snowman", 1.5f },
	{ "snowman without snow", 1.5f }, { "tornado", 40.0f }, { "umbrella", 1.0f },
	{ "high voltage", 10.0f }, { "fire", 1.0f }, { "droplet", 0.05f }, { "snowflake", 0.05f },
	{ "comet", 30.0f }, { "crescent moon", 30.0f }, { "globe showing Europe-Africa", 0.4f },
	{ "mount fuji", 200.0f }, { "snow-capped mountain", 200.0f }, { "volcano", 150.0f },
	{ "camping", 2.0f }, { "desert island", 8.0f }, { "house", 8.0f }, { "hut", 4.0f },
	{ "house with garden", 8.0f }, { "stadium", 20.0f }, { "statue of liberty", 40.0f },
	{ "tokyo tower", 60.0f }, { "ferris wheel", 30.0f }, { "roller coaster", 20.0f },
	{ "fountain", 3.0f }, { "tent", 2.0f }, { "carousel horse", 1.5f }, { "guitar", 1.0f },
	{ "piano", 1.2f }, { "musical keyboard", 0.9f }, { "drum", 0.5f }, { "violin", 0.6f },
	{ "banjo", 1.0f }, { "trumpet", 0.5f }, { "saxophone", 0.8f }, { "accordion", 0.5f },
	{ "long drum", 0.8f }, { "harp", 1.6f }, { "door", 2.1f }, { "window", 1.3f },
	{ "bed", 0.9f }, { "couch and lamp", 1.2f }, { "chair", 1.0f }, { "toilet", 0.8f },
	{ "bathtub", 0.7f }, { "shower", 2.0f }, { "elevator", 2.3f }, { "mirror", 1.0f },
	{ "ladder", 2.5f }, { "basket", 0.35f }, { "broom", 1.4f }, { "teddy bear", 0.35f },
	{ "framed picture", 0.6f }, { "soccer ball", 0.22f }, { "basketball", 0.24f },
	{ "american football", 0.3f }, { "baseball", 0.075f }, { "tennis", 0.07f },
	{ "volleyball", 0.21f }, { "bowling", 0.22f }, { "ice skate", 0.3f }, { "sled", 0.4f },
	{ "skis", 1.7f }, { "kite", 0.9f }, { "trophy", 0.4f }, { "balloon", 0.4f },
	{ "wrapped gift", 0.3f }, { "moai", 6.0f }, { "coffin", 0.6f }, { "gem stone", 0.03f },
	{ "ring", 0.03f }, { "key", 0.07f }, { "old key", 0.1f }, { "coin", 0.03f },
	{ "baby", 0.6f }, { "child", 1.2f }, { "boy", 1.3f }, { "girl", 1.3f }, { "skull", 0.25f },
	{ "ghost", 1.7f }, { "robot", 1.6f }, { "pile of poo", 0.15f }, { "bone", 0.3f },
};
/* clang-format on */

/* Tags that are adjectives, verbs or too general to mean one thing. */
/* clang-format off */
static const char *const tag_stop[] = {
	"animal", "animals", "nature", "face", "object", "objects", "thing", "things", "stuff",
	"happy", "sad", "cute", "funny", "good", "bad", "cool", "hot", "cold", "love", "fun", "nice",
	"big", "small", "little", "large", "huge", "tiny", "new", "old", "young", "fast", "slow",
	"dark", "light", "bright", "white", "black", "red", "blue", "green", "yellow", "orange",
	"purple", "brown", "pink", "grey", "gray", "gold", "golden", "silver", "fancy", "formal",
	"casual", "dressed", "shopping", "weekend", "party", "celebration", "celebrate", "up", "down",
	"top", "bottom", "on", "off", "out", "in", "over", "under", "yes", "no", "ok", "win", "winner",
	"wild", "free", "sweet", "sour", "salty", "spicy", "tasty", "delicious", "yum", "yummy",
	"food", "drink", "eat", "eating", "drinking", "sport", "sports", "game", "play", "toy",
	"sleep", "sleepy", "tired", "sick", "wow", "lol", "omg", "magic", "man", "woman", "person",
	"people", "human", "boy", "girl", "male", "female", "gender", "adult", "kid", "emotion",
	"symbol", "sign", "mark", "travel", "vacation", "holiday", "place", "places", "home",
	"work", "job", "office", "school", "education", "science", "weather", "time", "music",
	"sound", "art", "nature", "plant", "flower", "fruit", "vegetable", "dessert", "meal",
	"restaurant", "transport", "transportation", "vehicle", "clothing", "clothes", "outfit",
	"fashion", "style", "beauty", "pretty", "beautiful", "ugly", "scary", "spooky", "evil",
	"angry", "mad", "crazy", "silly", "weird", "strange", "random", "misc", "other", "face",
	"hand", "body", "family", "royal", "royalty", "rich", "poor", "money", "business",
	"finance", "technology", "tech", "computer", "phone", "communication", "media", "photo",
	"video", "movie", "film", "tv", "camera", "picture", "image", "drawing", "painting",
	"paint", "building", "city", "town", "country", "world", "earth", "space", "sky", "sea",
	"ocean", "water", "beach", "snow", "winter", "summer", "spring", "autumn", "fall", "night",
	"day", "morning", "evening", "sunset", "sunrise", "rain", "wind", "storm", "cloud", "sun",
	"moon", "star", "stars", "fire", "ice", "hot", "warm", "wet", "dry", "round", "square",
	"cross", "line", "circle", "point", "shape", "sharp", "soft", "hard", "heavy", "strong",
	"weak", "loud", "quiet", "high", "low", "long", "short", "tall", "wide", "thin", "fat",
	"thick", "full", "empty", "open", "closed", "clean", "dirty", "safe", "danger", "dangerous",
	"emergency", "protection", "security", "health", "medicine", "medical", "doctor", "help",
	"pet", "farm", "zoo", "wildlife", "jungle", "forest", "garden", "outdoors", "camping",
	"hiking", "backpacking", "bathing", "swim", "swimming", "dance", "dancing", "running",
	"walking", "cooking", "baking", "breakfast", "lunch", "dinner", "snack", "junk", "fast food",
	"a", "an", "the", "and", "of", "with", "for", "to", "at", "by", "as", "it", "is", "me", "my",
	"you", "we", "us", "he", "she", "they", "i", "one", "two", "three", "first", "last",
	"comfortable", "comfy", "serious", "employed", "bundle", "brr", "lady", "gentleman",
	"hands", "feet", "eye", "eyes", "neck", "head", "blond", "hair", "dr", "lab", "experiment",
	"joy", "happiness", "peace", "hope", "fear", "luck", "lucky", "power", "freedom", "quick",
	"zero", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirty",
	"oclock", "number", "love", "like", "kiss", "hug", "wish", "dream", "idea", "mind", "soul",
	"spirit", "life", "death", "war", "success", "victory", "chance", "fortune", "wealth",
	"lake", "river", "pond", "field", "meadow", "hill", "valley", "mud", "pool", "park",
	/* Tags that are mostly other words: "vintage" is not a wine glass, "jump" not a kangaroo. */
	"vintage", "see", "class", "legs", "side", "jump", "ride", "sit", "set", "pair", "double",
	"catch", "group", "together", "fantasy", "comic", "horror", "elegant", "suit", "row", "back",
	"sand",
	"collar", "tie",
	"glow", "sparkle", "shine", "shiny", "glitter", "neon", "metal", "glass", "wood", "stone",
	"wooden", "plastic", "paper", "cloth", "fabric", "rubber", "gold", "silver", "bronze",
};
/* clang-format on */

/* Words whose plural is not word + s / es / ies, and words without a singular. */
/* clang-format off */
static const struct {
	const char *singular, *plural;
} irregular[] = {
	{ "mouse", "mice" }, { "goose", "geese" }, { "person", "people" }, { "man", "men" },
	{ "woman", "women" }, { "child", "children" }, { "foot", "feet" }, { "tooth", "teeth" },
	{ "sheep", "sheep" }, { "deer", "deer" }, { "fish", "fish" }, { "bison", "bison" },
	{ "moose", "moose" }, { "shrimp", "shrimp" }, { "squid", "squid" }, { "ox", "oxen" },
	{ "leaf", "leaves" }, { "knife", "knives" }, { "wolf", "wolves" }, { "loaf", "loaves" },
	{ "scarf", "scarves" }, { "shelf", "shelves" }, { "elf", "elves" }, { "cactus", "cacti" },
	{ "fries", "fries" }, { "jeans", "jeans" }, { "shorts", "shorts" }, { "glasses", "glasses" },
	{ "sunglasses", "sunglasses" }, { "goggles", "goggles" }, { "gloves", "gloves" },
	{ "socks", "socks" }, { "skis", "skis" }, { "scissors", "scissors" },
	{ "chopsticks", "chopsticks" }, { "noodles", "noodles" }, { "briefs", "briefs" },
	{ "pants", "pants" }, { "trousers", "trousers" }, { "clothes", "clothes" },
	{ "spaghetti", "spaghetti" }, { "rice", "rice" }, { "bread", "bread" }, { "cheese", "cheese" },
	{ "salt", "salt" }, { "butter", "butter" }, { "popcorn", "popcorn" }, { "sushi", "sushi" },
	{ "tempura", "tempura" }, { "broccoli", "broccoli" }, { "tea", "tea" }, { "coffee", "coffee" },
	{ "milk", "milk" }, { "beer", "beer" }, { "wine", "wine" }, { "sake", "sake" },
	{ "bacon", "bacon" }, { "meat", "meat" }, { "dynamite", "dynamite" }, { "mail", "mail" },
	{ "money", "money" }, { "luggage", "luggage" }, { "soap", "soap" }, { "wood", "wood" },
	{ "hair", "hair" }, { "hippopotamus", "hippopotamuses" }, { "octopus", "octopuses" },
	{ "tomato", "tomatoes" }, { "potato", "potatoes" }, { "mango", "mangoes" },
	{ "volcano", "volcanoes" }, { "tornado", "tornadoes" }, { "piano", "pianos" },
	{ "kangaroo", "kangaroos" }, { "bus", "buses" }, { "taxi", "taxis" }, { "ski", "skis" },
	{ "dice", "dice" }, { "die", "dice" }, { "cookie", "cookies" }, { "pie", "pies" },
	{ "tie", "ties" }, { "necktie", "neckties" }, { "lady", "ladies" }, { "puppy", "puppies" },
};
/* clang-format on */

/* Synonyms everyday prompts use that the names and tags do not: word -> artwork label. */
/* clang-format off */
static const struct {
	const char *word, *label;
} synonyms[] = {
	{ "kitty", "cat" }, { "kitten", "cat" }, { "pussycat", "cat" }, { "puppy", "dog" },
	{ "doggy", "dog" }, { "pup", "dog" }, { "hound", "dog" }, { "bunny", "rabbit" },
	{ "hare", "rabbit" }, { "pony", "horse" }, { "stallion", "horse" }, { "mare", "horse" },
	{ "foal", "horse" }, { "calf", "cow" }, { "cattle", "cow" }, { "bull", "ox" },
	{ "lamb", "ewe" }, { "piglet", "pig" }, { "hog", "pig" }, { "hen", "chicken" },
	{ "chick", "baby chick" }, { "duckling", "duck" }, { "birdie", "bird" }, { "sparrow", "bird" },
	{ "pigeon", "dove" }, { "crow", "black bird" }, { "raven", "black bird" },
	{ "parakeet", "parrot" }, { "kitty cat", "cat" }, { "goldfish", "fish" }, { "salmon", "fish" },
	{ "trout", "fish" }, { "tuna", "fish" }, { "puffer fish", "blowfish" }, { "seashell", "spiral shell" },
	{ "shell", "spiral shell" }, { "ladybug", "lady beetle" }, { "ladybird", "lady beetle" },
	{ "bee", "honeybee" }, { "bumblebee", "honeybee" }, { "insect", "bug" }, { "worm", "worm" },
	{ "caterpillar", "bug" }, { "alligator", "crocodile" }, { "dinosaur", "T-Rex" },
	{ "t rex", "T-Rex" }, { "trex", "T-Rex" }, { "tyrannosaurus", "T-Rex" },
	{ "brontosaurus", "sauropod" }, { "ape", "gorilla" }, { "chimp", "monkey" },
	{ "chimpanzee", "monkey" }, { "teddy", "teddy bear" }, { "bike", "bicycle" },
	{ "scooter", "motor scooter" }, { "motorbike", "motorcycle" }, { "truck", "delivery truck" },
	{ "lorry", "articulated lorry" }, { "van", "minibus" }, { "cab", "taxi" },
	{ "fire truck", "fire engine" }, { "firetruck", "fire engine" }, { "train", "locomotive" },
	{ "steam train", "locomotive" }, { "tram", "tram car" }, { "plane", "airplane" },
	{ "aeroplane", "airplane" }, { "jet", "airplane" }, { "aircraft", "airplane" },
	{ "ufo", "flying saucer" }, { "spaceship", "flying saucer" }, { "ship", "ship" },
	{ "sailing boat", "sailboat" }, { "yacht", "sailboat" }, { "kayak", "canoe" },
	{ "rowboat", "canoe" }, { "submarine", "ship" }, { "hot air balloon", "balloon" },
	{ "sofa", "couch and lamp" }, { "couch", "couch and lamp" }, { "tv", "television" },
	{ "telly", "television" }, { "laptop", "laptop" }, { "computer", "desktop computer" },
	{ "pc", "desktop computer" }, { "phone", "mobile phone" }, { "cellphone", "mobile phone" },
	{ "smartphone", "mobile phone" }, { "telephone", "telephone" }, { "clock", "mantelpiece clock" },
	{ "watch", "watch" }, { "alarm", "alarm clock" }, { "glasses", "glasses" },
	{ "spectacles", "glasses" }, { "shades", "sunglasses" }, { "hat", "top hat" },
	{ "cap", "billed cap" }, { "baseball cap", "billed cap" }, { "sun hat", "woman’s hat" },
	{ "shirt", "t-shirt" }, { "tshirt", "t-shirt" }, { "shoe", "running shoe" },
	{ "sneaker", "running shoe" }, { "trainers", "running shoe" }, { "boot", "hiking boot" },
	{ "bag", "handbag" }, { "suitcase", "luggage" }, { "book", "closed book" },
	{ "notebook", "notebook" }, { "letter", "envelope" }, { "pencil", "pencil" },
	{ "pen", "pen" }, { "present", "wrapped gift" }, { "ball", "soccer ball" },
	{ "football", "soccer ball" }, { "soccer", "soccer ball" }, { "tennis ball", "tennis" },
	{ "bowling ball", "bowling" }, { "guitar", "guitar" }, { "drums", "drum" },
	{ "flag", "triangular flag" }, { "doll", "nesting dolls" }, { "toy", "teddy bear" },
	{ "burger", "hamburger" }, { "cheeseburger", "hamburger" }, { "sandwich", "sandwich" },
	{ "hotdog", "hot dog" }, { "chips", "french fries" }, { "fries", "french fries" },
	{ "egg", "egg" }, { "fried egg", "cooking" }, { "soup", "pot of food" }, { "stew", "pot of food" },
	{ "noodle", "steaming bowl" }, { "ramen", "steaming bowl" }, { "pasta", "spaghetti" },
	{ "ice cream", "soft ice cream" }, { "icecream", "soft ice cream" }, { "candy", "candy" },
	{ "sweets", "candy" }, { "chocolate", "chocolate bar" }, { "muffin", "cupcake" },
	{ "cookie", "cookie" }, { "biscuit", "cookie" }, { "pie", "pie" }, { "donut", "doughnut" },
	{ "coffee", "hot beverage" }, { "tea", "teacup without handle" }, { "juice", "beverage box" },
	{ "soda", "cup with straw" }, { "cocktail", "cocktail glass" }, { "wine", "wine glass" },
	{ "beer", "beer mug" }, { "milk", "glass of milk" }, { "water", "droplet" },
	{ "corn", "ear of corn" }, { "pepper", "hot pepper" },
	{ "chili", "hot pepper" }, { "strawberries", "strawberry" }, { "berry", "strawberry" },
	{ "grape", "grapes" }, { "orange", "tangerine" }, { "lemon", "lemon" }, { "lime", "lime" },
	{ "aubergine", "eggplant" }, { "bread", "bread" }, { "loaf", "bread" }, { "roll", "bread" },
	{ "bagel", "bagel" }, { "steak", "cut of meat" }, { "meat", "cut of meat" },
	{ "ham", "meat on bone" }, { "drumstick", "poultry leg" }, { "pizza", "pizza" },
	{ "taco", "taco" }, { "salad", "green salad" }, { "plant", "potted plant" },
	{ "houseplant", "potted plant" }, { "bush", "potted plant" }, { "shrub", "potted plant" },
	{ "grass", "herb" }, { "leaf", "leaf fluttering in wind" }, { "leaves", "fallen leaf" },
	{ "rose", "rose" }, { "tulip", "tulip" }, { "daisy", "blossom" }, { "lotus", "lotus" },
	{ "bouquet", "bouquet" }, { "log", "wood" }, { "firewood", "wood" }, { "stone", "rock" },
	{ "boulder", "rock" }, { "pebble", "rock" }, { "palm", "palm tree" }, { "pine", "evergreen tree" },
	{ "fir", "evergreen tree" }, { "christmas tree", "Christmas tree" }, { "island", "desert island" },
	{ "volcano", "volcano" }, { "tornado", "tornado" }, { "hurricane", "cyclone" },
	{ "storm", "cloud with lightning and rain" }, { "thunderstorm", "cloud with lightning and rain" },
	{ "lightning", "high voltage" }, { "rainbow", "rainbow" }, { "snowflake", "snowflake" },
	{ "raindrop", "droplet" }, { "flame", "fire" }, { "campfire", "fire" }, { "bonfire", "fire" },
	{ "person", "person standing" }, { "human", "person standing" }, { "man", "man standing" },
	{ "guy", "man standing" }, { "gentleman", "man standing" }, { "woman", "woman standing" },
	{ "lady", "woman standing" }, { "girl", "girl" }, { "boy", "boy" }, { "kid", "child" },
	{ "child", "child" }, { "baby", "baby" }, { "infant", "baby" }, { "toddler", "child" },
	{ "king", "prince" }, { "queen", "princess" }, { "knight", "ninja" },
	{ "chef", "cook" }, { "doctor", "health worker" }, { "nurse", "health worker" },
	{ "teacher", "teacher" }, { "policeman", "police officer" }, { "cop", "police officer" },
	{ "fireman", "firefighter" }, { "soldier", "guard" }, { "pilot", "pilot" },
	{ "astronaut", "astronaut" }, { "wizard", "mage" }, { "witch", "mage" }, { "fairy", "fairy" },
	{ "angel", "baby angel" }, { "santa", "Santa Claus" }, { "santa claus", "Santa Claus" },
	{ "mermaid", "merperson" }, { "vampire", "vampire" }, { "zombie", "zombie" },
	{ "genie", "genie" }, { "elf", "elf" }, { "superhero", "superhero" }, { "farmer", "farmer" },
	{ "building", "office building" }, { "skyscraper", "office building" },
	{ "office", "office building" }, { "school", "school" }, { "hospital", "hospital" },
	{ "bank", "bank" }, { "hotel", "hotel" }, { "shop", "convenience store" },
	{ "store", "department store" }, { "factory", "factory" }, { "church", "church" },
	{ "mosque", "mosque" }, { "temple", "hindu temple" }, { "cabin", "hut" }, { "barn", "house" },
	{ "home", "house" }, { "cottage", "house with garden" }, { "stadium", "stadium" },
	{ "statue", "Statue of Liberty" }, { "ferris wheel", "ferris wheel" },
	{ "carousel", "carousel horse" }, { "circus", "circus tent" }, { "bed", "bed" },
	{ "toilet", "toilet" }, { "bath", "bathtub" }, { "door", "door" }, { "window", "window" },
	{ "mirror", "mirror" }, { "key", "key" }, { "lock", "locked" }, { "hammer", "hammer" },
	{ "axe", "axe" }, { "saw", "carpentry saw" }, { "knife", "kitchen knife" },
	{ "sword", "crossed swords" }, { "gun", "water pistol" }, { "bomb", "bomb" },
	{ "shield", "shield" }, { "magnet", "magnet" }, { "candle", "candle" }, { "torch", "flashlight" },
	{ "lantern", "red paper lantern" }, { "light bulb", "light bulb" }, { "bulb", "light bulb" },
	{ "money", "money bag" }, { "coin", "coin" }, { "diamond", "gem stone" }, { "jewel", "gem stone" },
	{ "ring", "ring" }, { "crown", "crown" }, { "trophy", "trophy" }, { "medal", "sports medal" },
	{ "camera", "camera" }, { "robot", "robot" }, { "alien", "alien" }, { "monster", "alien monster" },
	{ "ghost", "ghost" }, { "clown", "clown face" },
	{ "globe", "globe showing Europe-Africa" }, { "earth", "globe showing Europe-Africa" },
	{ "world", "globe showing Europe-Africa" }, { "newspaper", "newspaper" },
	{ "paper", "page facing up" }, { "basket", "basket" }, { "box", "package" },
	{ "parcel", "package" }, { "package", "package" }, { "cart", "shopping cart" },
	{ "trolley", "shopping cart" }, { "someone", "person" }, { "somebody", "person" },
	{ "rollercoaster", "roller coaster" }, { "prop plane", "small airplane" },
	{ "propeller plane", "small airplane" }, { "screen", "desktop computer" },
	{ "computer screen", "desktop computer" }, { "greens", "leafy green" },
	{ "cock", "rooster" }, { "skillet", "cooking" }, { "frying pan", "cooking" },
	{ "railroad track", "railway track" }, { "railroad tracks", "railway track" },
	{ "train tracks", "railway track" }, { "train track", "railway track" },
	{ "arcade game", "joystick" }, { "arcade machine", "joystick" },
	{ "stuffed toy", "teddy bear" }, { "goddess", "woman standing" },
	{ "character", "person standing" }, { "industrial site", "factory" },
	{ "wristwatch", "watch" }, { "mobile device", "mobile phone" }, { "whopper", "hamburger" }, { "crib", "bed" }, { "cot", "bed" }, { "magnifying glass", "magnifying glass tilted left" }, { "acorn", "chestnut" }, { "milkshake", "cup with straw" },
	{ "hot chocolate", "hot beverage" }, { "hot cocoa", "hot beverage" }, { "batter", "person standing" }, { "male", "man standing" }, { "female", "woman standing" },
	{ "human", "person standing" }, { "adult", "person standing" }, { "lemur", "monkey" }, { "shiba inu", "dog" }, { "shiba", "dog" },
	{ "wheelchair", "manual wheelchair" },
	/* The artwork that is the state said: an umbrella is drawn open, this one closed. */
	{ "open umbrella", "umbrella" }, { "closed umbrella", "closed umbrella" },
	{ "copier", "printer" }, { "photocopier", "printer" }, { "copy machine", "printer" },
	{ "copier machine", "printer" }, { "centerpiece", "bouquet" }, { "futon", "couch and lamp" },
	{ "futon couch", "couch and lamp" }, { "futon sofa", "couch and lamp" },
	{ "flatscreen", "television" }, { "flat screen", "television" },
	{ "flatscreen tv", "television" }, { "flat screen tv", "television" },
	{ "flat screen television", "television" }, { "canadian bacon", "bacon" },
	{ "cream cheese", "cheese wedge" }, { "banana peel", "banana" },
	/* Everyday names of the things WordNet does not relate to the picture's label. */
	{ "cabbage", "leafy green" }, { "lettuce", "leafy green" }, { "kale", "leafy green" },
	{ "spinach", "leafy green" }, { "bride", "woman with veil" }, { "groom", "man in tuxedo" },
	{ "mule", "donkey" }, { "joey", "kangaroo" }, { "sorcerer", "mage" }, { "sorceress", "mage" },
	{ "wizard", "mage" }, { "villain", "supervillain" }, { "hero", "superhero" },
	{ "heroine", "woman superhero" }, { "yeti", "hairy creature" }, { "sasquatch", "hairy creature" },
	{ "bigfoot", "hairy creature" }, { "dracula", "vampire" }, { "jinn", "genie" },
	{ "cyclist", "person biking" }, { "pedestrian", "person walking" },
	{ "yogi", "person in lotus position" }, { "trash can", "wastebasket" },
	{ "whiskey", "tumbler glass" }, { "whisky", "tumbler glass" }, { "martini", "cocktail glass" },
	{ "pint", "beer mug" }, { "trousers", "jeans" }, { "pants", "jeans" },
	{ "turnip", "root vegetable" }, { "iceberg", "ice" }, { "graveyard", "headstone" },
	{ "cemetery", "headstone" }, { "tombstone", "headstone" }, { "gravestone", "headstone" },
	{ "reef", "coral" }, { "helicopter", "helicopter" }, { "ping pong", "ping pong" },
	{ "shuttlecock", "badminton" }, { "pancake", "pancakes" }, { "dumplings", "dumpling" },
	{ "porridge", "bowl with spoon" }, { "oatmeal", "bowl with spoon" }, { "pho", "steaming bowl" },
	{ "ramen", "steaming bowl" }, { "noodle soup", "steaming bowl" }, { "sausage", "hot dog" },
	{ "pickle", "cucumber" }, { "blueberry", "blueberries" }, { "bilberry", "blueberries" },
	{ "earbuds", "headphone" }, { "microphone", "microphone" }, { "weightlifter", "person lifting weights" },
	{ "bodybuilder", "person lifting weights" }, { "gymnast", "person cartwheeling" },
	{ "ball of yarn", "yarn" }, { "ball of wool", "yarn" }, { "cereal", "bowl with spoon" }, { "rope", "knot" }, { "painter", "artist" }, { "picnic", "basket" },
	{ "picnic basket", "basket" }, { "picture frame", "framed picture" }, { "photo frame", "framed picture" },
	{ "motor bike", "motorcycle" }, { "motorbike", "motorcycle" }, { "bubblegum", "candy" }, { "bubble gum", "candy" }, { "chewing gum", "candy" },
	{ "gaming", "video game" }, { "stuffed animal", "teddy bear" }, { "stuff animal", "teddy bear" },
	{ "plush animal", "teddy bear" }, { "plush toy", "teddy bear" }, { "plushie", "teddy bear" },
	{ "soft toy", "teddy bear" }, { "tie", "necktie" }, { "bow tie", "necktie" }, { "bowtie", "necktie" },
	{ "glass", "tumbler glass" }, { "drinking glass", "tumbler glass" },
	{ "sandcastle", "castle" }, { "sand castle", "castle" }, { "treehouse", "house" },
	{ "tree house", "house" }, { "mansion", "house" }, { "villa", "house with garden" }, { "jewelry", "gem stone" },
	{ "jewellery", "gem stone" }, { "jewel", "gem stone" }, { "jewels", "gem stone" },
	{ "kite", "kite" }, { "yo yo", "yo-yo" }, { "puzzle", "puzzle piece" },
	{ "chess", "chess pawn" }, { "piano", "musical keyboard" }, { "keyboard", "keyboard" },
	{ "mouse", "mouse" }, { "microphone", "microphone" }, { "headphones", "headphone" },
	{ "radio", "radio" }, { "speaker", "speaker high volume" }, { "bell", "bell" },
	{ "syringe", "syringe" }, { "pill", "pill" }, { "bandage", "adhesive bandage" },
	{ "broom", "broom" }, { "bucket", "bucket" }, { "sponge", "sponge" }, { "soap", "soap" },
	{ "toothbrush", "toothbrush" }, { "plate", "fork and knife with plate" },
	{ "bowl", "bowl with spoon" }, { "spoon", "spoon" }, { "fork", "fork and knife" },
	{ "pot", "pot of food" }, { "pan", "cooking" }, { "jar", "jar" }, { "can", "canned food" },
	{ "tent", "tent" }, { "cloud", "cloud" }, { "sunflower", "sunflower" },
	{ "seal", "seal" }, { "walrus", "seal" }, { "sea lion", "seal" }, { "jellyfish", "jellyfish" },
	{ "crab", "crab" }, { "lobster", "lobster" }, { "squid", "squid" }, { "coral", "coral" },
	{ "shark", "shark" }, { "eagle", "eagle" }, { "hawk", "eagle" }, { "falcon", "eagle" },
	{ "parrot", "parrot" }, { "swan", "swan" }, { "duck", "duck" }, { "goose", "goose" },
	{ "feather", "feather" }, { "nest", "nest with eggs" }, { "bone", "bone" },
	{ "brain", "brain" }, { "heart organ", "anatomical heart" }, { "tooth", "tooth" },
	{ "eye", "eye" }, { "ear", "ear" }, { "nose", "nose" }, { "mouth", "mouth" },
	{ "foot", "foot" }, { "leg", "leg" }, { "arm", "flexed biceps" }, { "lips", "mouth" },
	{ "road", "motorway" }, { "highway", "motorway" }, { "railway", "railway track" },
	{ "track", "railway track" }, { "street", "motorway" }, { "traffic light", "vertical traffic light" },
	{ "stop sign", "stop sign" }, { "fuel pump", "fuel pump" }, { "gas station", "fuel pump" },
	{ "friend", "people holding hands" }, { "group", "people holding hands" },
	{ "music", "musical note" }, { "song", "musical notes" },
	{ "college", "school" }, { "drug", "pill" }, { "wife", "woman standing" },
	{ "husband", "man standing" }, { "patient", "person in bed" }, { "picture", "framed picture" },
	{ "image", "framed picture" }, { "painting", "framed picture" }, { "movie", "film frames" },
	{ "film", "movie camera" }, { "garden", "potted plant" }, { "seed", "seedling" },
	{ "fruit", "red apple" }, { "vegetable", "carrot" }, { "restaurant", "fork and knife with plate" },
	{ "farm", "tractor" }, { "town", "houses" },
	{ "case", "briefcase" }, { "week", "calendar" }, { "face", "person" },
	{ "leader", "person in suit levitating" }, { "official", "man office worker" },
	{ "director", "movie camera" }, { "body", "person standing" },
			
	{ "anchor", "anchor" }, { "wheel", "wheel" },
	/* People by age: the artwork that shows that age (a young adult is the plain one). */
	{ "young man", "man standing" }, { "young woman", "woman standing" },
	{ "young lady", "woman standing" }, { "young boy", "boy" }, { "young girl", "girl" },
	{ "little boy", "boy" }, { "little girl", "girl" }, { "small boy", "boy" },
	{ "small girl", "girl" }, { "young child", "child" }, { "small child", "child" },
	{ "little kid", "child" }, { "young kid", "child" }, { "teenager", "person standing" },
	{ "teen", "person standing" }, { "adult", "person standing" },
	{ "old lady", "old woman" }, { "elderly man", "old man" }, { "elderly woman", "old woman" },
	{ "elderly lady", "old woman" }, { "older man", "old man" }, { "older woman", "old woman" },
	{ "old person", "older person" }, { "elderly person", "older person" },
	{ "senior", "older person" }, { "grandmother", "old woman" }, { "grandma", "old woman" },
	{ "granny", "old woman" }, { "grandfather", "old man" }, { "grandpa", "old man" },
	{ "family", "family: man, woman, girl, boy" }, { "mother", "woman standing" }, { "father", "man standing" },
	{ "mom", "woman standing" }, { "dad", "man standing" }, { "daughter", "girl" },
	{ "son", "boy" }, { "gown", "dress" }, { "male", "man standing" },
	{ "female", "woman standing" }, { "old people", "older person" },
	{ "wedding dress", "dress" }, { "outfit", "t-shirt" },
	/* Things everyday captions name by another word. */
	{ "golden retriever", "dog" }, { "frisbee", "flying disc" }, { "cigarette", "cigarette" },
	{ "wii", "video game" }, { "nintendo", "video game" }, { "nintendo wii", "video game" },
	{ "game console", "video game" }, { "dirt bike", "motorcycle" }, { "airliner", "airplane" },
	{ "jetliner", "airplane" }, { "baggage", "luggage" }, { "storefront", "convenience store" }, { "store front", "convenience store" },
	{ "shop front", "convenience store" }, { "shopfront", "convenience store" }, { "racket", "badminton" }, { "racquet", "badminton" },
	{ "tennis racket", "badminton" }, { "tennis racquet", "badminton" },
	{ "cell phone", "mobile phone" }, { "mobile", "mobile phone" },
	{ "remote", "video game" }, { "remote control", "video game" },
	{ "controller", "video game" }, { "game controller", "video game" },
	{ "wii remote", "video game" }, { "wii controller", "video game" },
	{ "video game", "video game" }, { "joystick", "joystick" },
	{ "food", "pot of food" }, { "meal", "fork and knife with plate" },
	{ "dish", "fork and knife with plate" }, { "dinner", "fork and knife with plate" },
	{ "lunch", "fork and knife with plate" }, { "breakfast", "fork and knife with plate" },
	{ "drink", "cup with straw" }, { "beverage", "cup with straw" },
	{ "vehicle", "automobile" },
	{ "parthenon", "classical building" }, { "acropolis", "classical building" },
	{ "greek temple", "classical building" }, { "roman temple", "classical building" },
	{ "museum", "classical building" }, { "courthouse", "classical building" },
	{ "moai", "moai" }, { "easter island head", "moai" }, { "mount fuji", "mount fuji" },
	{ "fuji", "mount fuji" }, { "kaaba", "kaaba" }, { "shrine", "shinto shrine" },
	{ "pagoda", "japanese castle" }, { "laptop computer", "laptop" },
	{ "computer monitor", "desktop computer" }, { "monitor", "desktop computer" },
	{ "television", "television" }, { "flat screen", "television" }, { "tv set", "television" },
	{ "teddy", "teddy bear" }, { "stuffed animal", "teddy bear" }, { "stuffed bear", "teddy bear" },
	{ "doughnut", "doughnut" }, { "pastry", "croissant" }, { "pastries", "croissant" },
	{ "bun", "bread" }, { "hot dog", "hot dog" }, { "hotdogs", "hot dog" },
	{ "giraffes", "giraffe" }, { "luggage", "luggage" }, { "suitcases", "luggage" },
	{ "purse", "purse" }, { "wallet", "purse" }, { "backpack", "backpack" },
	{ "sneakers", "running shoe" }, { "heels", "high-heeled shoe" }, { "high heels", "high-heeled shoe" },
	{ "jacket", "coat" }, { "sweater", "coat" }, { "hoodie", "coat" }, { "scarf", "scarf" },
	{ "helmet", "military helmet" }, { "bike helmet", "military helmet" },
	{ "uniform", "t-shirt" }, { "jersey", "t-shirt" }, { "costume", "t-shirt" },
};
/* clang-format on */

/*
 * The categories a WordNet noun may be drawn as, nearest first (WordNet's
 * lemma, the artwork's label): each one a thing whose picture shows any of
 * its kinds.
 */
/* clang-format off */
static const struct {
	const char *lemma, *label;
} kinds[] = {
	{ "dog", "dog" }, { "cat", "cat" }, { "horse", "horse" }, { "cow", "cow" }, { "cattle", "cow" },
	{ "pig", "pig" }, { "sheep", "ewe" }, { "goat", "goat" }, { "bear", "bear" },
	{ "monkey", "monkey" }, { "ape", "gorilla" }, { "snake", "snake" }, { "lizard", "lizard" },
	{ "frog", "frog" }, { "turtle", "turtle" }, { "butterfly", "butterfly" },
	{ "spider", "spider" }, { "whale", "whale" }, { "dolphin", "dolphin" }, { "shark", "shark" },
	{ "rabbit", "rabbit" }, { "mouse", "mouse" }, { "rat", "rat" }, { "deer", "deer" },
	{ "lion", "lion" }, { "tiger", "tiger" }, { "wolf", "wolf" }, { "fox", "fox" },
	{ "chicken", "chicken" }, { "duck", "duck" }, { "owl", "owl" }, { "eagle", "eagle" },
	{ "parrot", "parrot" }, { "penguin", "penguin" }, { "crab", "crab" }, { "octopus", "octopus" },
	{ "bee", "honeybee" }, { "beetle", "lady beetle" }, { "ant", "ant" }, { "bird", "bird" },
	{ "fish", "fish" }, { "insect", "bug" }, { "dinosaur", "T-Rex" },
	{ "mushroom", "mushroom" }, { "cactus", "cactus" }, { "palm", "palm tree" },
	{ "conifer", "evergreen tree" }, { "tree", "deciduous tree" }, { "flower", "blossom" },
	{ "rose", "rose" }, { "tulip", "tulip" },
	{ "car", "automobile" }, { "truck", "delivery truck" }, { "bus", "bus" },
	{ "bicycle", "bicycle" }, { "motorcycle", "motorcycle" }, { "train", "locomotive" },
	{ "locomotive", "locomotive" }, { "airplane", "airplane" }, { "helicopter", "helicopter" },
	{ "sailboat", "sailboat" }, { "ship", "ship" }, { "boat", "speedboat" },
	{ "house", "house" }, { "church", "church" }, { "castle", "castle" }, { "tower", "Tokyo tower" },
	{ "tent", "tent" }, { "hat", "top hat" }, { "cap", "billed cap" }, { "helmet", "military helmet" },
	{ "shoe", "running shoe" }, { "boot", "hiking boot" }, { "dress", "dress" },
	{ "shirt", "t-shirt" }, { "coat", "coat" }, { "trousers", "jeans" }, { "glove", "gloves" },
	{ "bag", "handbag" }, { "ball", "soccer ball" }, { "cake", "birthday cake" },
	{ "bread", "bread" }, { "cheese", "cheese wedge" }, { "cookie", "cookie" },
	{ "sandwich", "sandwich" }, { "pizza", "pizza" }, { "sausage", "hot dog" },
	{ "candy", "candy" }, { "ice_cream", "soft ice cream" }, { "pasta", "spaghetti" },
	{ "soup", "pot of food" }, { "salad", "green salad" }, { "wine", "wine glass" },
	{ "beer", "beer mug" }, { "coffee", "hot beverage" }, { "tea", "teacup without handle" },
	{ "cup", "teacup without handle" }, { "bottle", "bottle with popping cork" },
	{ "bowl", "bowl with spoon" }, { "chair", "chair" }, { "bed", "bed" }, { "sofa", "couch and lamp" },
	{ "clock", "mantelpiece clock" }, { "book", "closed book" }, { "guitar", "guitar" },
	{ "drum", "drum" }, { "violin", "violin" }, { "knife", "kitchen knife" },
	{ "sword", "crossed swords" }, { "gun", "water pistol" }, { "hammer", "hammer" },
	{ "robot", "robot" }, { "doll", "nesting dolls" }, { "kite", "kite" }, { "umbrella", "umbrella" },
	{ "balloon", "balloon" }, { "candle", "candle" }, { "key", "key" }, { "telephone", "telephone" },
	{ "computer", "desktop computer" }, { "television", "television" }, { "camera", "camera" },
	{ "spectacles", "glasses" }, { "ring", "ring" }, { "crown", "crown" }, { "flag", "triangular flag" },
	{ "lamp", "light bulb" }, { "lantern", "red paper lantern" },
	{ "child", "child" }, { "woman", "woman standing" }, { "man", "man standing" },
	{ "person", "person standing" },
};
/* clang-format on */

/* Lowercase; '-', '_', ':' and ',' as spaces; apostrophes dropped; 0 when anything else but a-z is left. */
static int normalize(const char *in, char *out, size_t outlen)
{
	size_t o = 0;
	bool space = false;
	const unsigned char *p = (const unsigned char *)in;
	while (*p) {
		unsigned c = *p;
		if (c == 0xe2 && p[1] == 0x80 && (p[2] == 0x99 || p[2] == 0x98)) {
			p += 3;
			continue;
		}
		if (c == '\'' || c == '.') {
			p++;
			continue;
		}
		if (c == '-' || c == '_' || c == ' ' || c == ':' || c == ',') {
			space = o > 0;
			p++;
			continue;
		}
		c = (unsigned)tolower((int)c);
		if (c < 'a' || c > 'z')
			return 0;
		if (space) {
			if (o + 1 >= outlen)
				return 0;
			out[o++] = ' ';
			space = false;
		}
		if (o + 1 >= outlen)
			return 0;
		out[o++] = (char)c;
		p++;
	}
	out[o] = '\0';
	return o > 1;
}

static int word_count(const char *s)
{
	int n = 1;
	for (; *s; s++)
		if (*s == ' ')
			n++;
	return n;
}

static bool stopped(const char *t)
{
	for (size_t i = 0; i < NELEM(tag_stop); i++)
		if (strcmp(tag_stop[i], t) == 0)
			return true;
	size_t n = strlen(t);
	static const char *const ends[] = {"ing", "ed",	  "ful",  "ous", "ive", "less", "ish",
					   "ly",  "able", "ible", "est", "al",	"ic"};
	static const char *const keep[] = {
	    "building", "ring",	   "king",   "wing",  "string", "pudding", "dumpling", "wedding",
	    "painting", "ceiling", "sled",   "bed",   "seed",	"animal",  "crystal",  "pedal",
	    "medal",	"mammal",  "sandal", "petal", "coral",	"pistol",  "magic",    "garlic",
	    "lyric",	"clinic",  "tunic",  "comic", "picnic"};
	for (size_t i = 0; i < NELEM(keep); i++)
		if (strcmp(keep[i], t) == 0)
			return false;
	for (size_t i = 0; i < NELEM(ends); i++) {
		size_t e = strlen(ends[i]);
		if (n > e + 2 && strcmp(t + n - e, ends[i]) == 0)
			return true;
	}
	return false;
}

static void term_add(const char *raw, int art, int prio)
{
	char t[TERM_MAX];
	if (!normalize(raw, t, sizeof t) || word_count(t) > ART_MAX_WORDS)
		return;
	if (nterms >= MAX_TERMS)
		return;
	struct term *e = &terms[nterms++];
	memcpy(e->text, t, sizeof t);
	e->art = art;
	e->prio = prio;
	e->order = arts[art].order;
}

static void plural_of(const char *s, char *out, size_t outlen)
{
	/* "man walking": the people are plural, not what they do ("men walking"). */
	const char *sp1 = strchr(s, ' ');
	size_t n0 = strlen(s);
	if (sp1 && strchr(sp1 + 1, ' ') == NULL && n0 > 4 && strcmp(s + n0 - 3, "ing") == 0 &&
	    stopped(sp1 + 1)) {
		char first[TERM_MAX], head[TERM_MAX * 2];
		if ((size_t)(sp1 - s) < sizeof first) {
			memcpy(first, s, (size_t)(sp1 - s));
			first[sp1 - s] = '\0';
			plural_of(first, head, sizeof head);
			if ((size_t)snprintf(out, outlen, "%s%s", head, sp1) < outlen)
				return;
		}
	}
	const char *last = strrchr(s, ' ');
	size_t head = last ? (size_t)(last - s + 1) : 0;
	const char *w = s + head;
	for (size_t i = 0; i < NELEM(irregular); i++) {
		if (strcmp(irregular[i].singular, w) == 0) {
			snprintf(out, outlen, "%.*s%s", (int)head, s, irregular[i].plural);
			return;
		}
	}
	size_t n = strlen(w);
	char c = n ? w[n - 1] : 0, b = n > 1 ? w[n - 2] : 0;
	bool vowel_b = b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u';
	if (c == 's' || c == 'x' || c == 'z' || (c == 'h' && (b == 'c' || b == 's')))
		snprintf(out, outlen, "%ses", s);
	else if (c == 'y' && !vowel_b)
		snprintf(out, outlen, "%.*sies", (int)(strlen(s) - 1), s);
	else
		snprintf(out, outlen, "%ss", s);
}

/* A term that is another term of the same artwork plus "s" ("cats" beside "cat") is a plural. */
static bool is_plural_of_other(const struct term *e)
{
	char pl[TERM_MAX * 2];
	for (int i = 0; i < nterms; i++) {
		if (terms[i].art != e->art || &terms[i] == e)
			continue;
		plural_of(terms[i].text, pl, sizeof pl);
		if (strcmp(pl, e->text) == 0)
			return true;
	}
	return false;
}

/* a before b: better claim on the same text. */
static bool better(const struct term *a, const struct term *b)
{
	if (a->prio != b->prio)
		return a->prio > b->prio;
	bool aw = arts[a->art].flags & ART_WHOLE, bw = arts[b->art].flags & ART_WHOLE;
	if (aw != bw)
		return aw;
	return a->order < b->order;
}

static int cmp_term(const void *x, const void *y)
{
	const struct term *a = x, *b = y;
	int c = strcmp(a->text, b->text);
	if (c)
		return c;
	return better(a, b) ? -1 : (better(b, a) ? 1 : 0);
}

static json_t *load(const char *dir, const char *rel)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	json_error_t err;
	json_t *j = json_load_file(path, 0, &err);
	if (j == NULL)
		fprintf(stderr, "artgen: %s: %s (line %d)\n", path, err.text, err.line);
	return j;
}

static int find_label(const char *label)
{
	for (int i = 0; i < narts; i++)
		if (strcasecmp(arts[i].label, label) == 0)
			return i;
	return -1;
}

/* Output buffers. */
struct buf {
	char *p;
	size_t n, cap;
};

static uint32_t buf_add(struct buf *b, const void *data, size_t len)
{
	if (b->n + len > b->cap) {
		size_t cap = b->cap ? b->cap : 1 << 20;
		while (cap < b->n + len)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (p == NULL) {
			fprintf(stderr, "artgen: out of memory\n");
			exit(1);
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, len);
	uint32_t off = (uint32_t)b->n;
	b->n += len;
	return off;
}

static uint32_t str_add(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s) + 1);
}

struct noun_tmp {
	char singular[TERM_MAX], plural[TERM_MAX * 2];
	int art;
	bool weak;
};

static int cmp_word(const void *x, const void *y, void *strings)
{
	const struct art_file_word *a = x, *b = y;
	return strcmp((const char *)strings + a->phrase, (const char *)strings + b->phrase);
}

static char *g_strings;
static int cmp_word_q(const void *x, const void *y)
{
	return cmp_word(x, y, g_strings);
}


/*
 * A shortcode names its artwork unless it is a verb ("running", "swimming"):
 * those say what a person does, and the parser draws them as that person's pose.
 */
static void shortcode_add(const char *code, int art)
{
	char t[TERM_MAX];
	if (code == NULL || !normalize(code, t, sizeof t))
		return;
	size_t n = strlen(t);
	if (strchr(t, ' ') == NULL && n > 5 && strcmp(t + n - 3, "ing") == 0 && stopped(t))
		return;
	term_add(code, art, 2);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/*
 * WordNet's adjectives (index.adj) as "lemma senses", sorted by lemma, for
 * add_wordnet_kinds(); NULL without WordNet.
 */
static char **adjectives;
static size_t nadjectives;

static bool era_word(const char *t)
{
	static const char *const eras[] = { "victorian", "edwardian", "georgian", "elizabethan",
					    "baroque", "gothic", "classic", "classical", "modern",
					    "contemporary", "medieval", "renaissance" };
	for (size_t k = 0; k < NELEM(eras); k++)
		if (strcmp(t, eras[k]) == 0)
			return true;
	return false;
}

static void adjectives_load(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/index.adj", dir);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return;
	size_t cap = 0;
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		if (line[0] == ' ')
			continue;
		/* "lemma pos synset_cnt ...": keep "lemma" NUL "synset_cnt". */
		char *sp = strchr(line, ' ');
		if (sp == NULL)
			continue;
		int senses = 0;
		if (sscanf(sp + 1, "%*s %d", &senses) != 1)
			continue;
		*sp = '\0';
		for (char *p = line; *p; p++)
			if (*p == '_')
				*p = ' ';
		size_t ll = strlen(line);
		if (ll + 12 >= sizeof line)
			continue;
		snprintf(line + ll + 1, sizeof line - ll - 1, "%d", senses);
		if (nadjectives == cap) {
			cap = cap ? cap * 2 : 32768;
			char **g = realloc(adjectives, cap * sizeof *g);
			if (g == NULL)
				break;
			adjectives = g;
		}
		size_t ll2 = strlen(line), lc = strlen(line + ll2 + 1);
		char *copy = malloc(ll2 + lc + 2);
		if (copy == NULL)
			break;
		memcpy(copy, line, ll2 + lc + 2);
		adjectives[nadjectives++] = copy;
	}
	fclose(f);
	qsort(adjectives, nadjectives, sizeof *adjectives, cmp_str);
}

/* How many senses t has as an adjective (0: none). */
static int adjective_senses(const char *t)
{
	if (adjectives == NULL)
		return 0;
	char *const *hit = bsearch(&t, adjectives, nadjectives, sizeof *adjectives, cmp_str);
	return hit ? atoi(*hit + strlen(*hit) + 1) : 0;
}

/*
 * Adds WordNet's nouns for kinds of the things in kinds[]: each noun not
 * known yet whose most common sense is a concrete thing (an animal, plant,
 * food, object, artefact or person) and whose nearest category, at most six
 * steps up WordNet's "is a kind of" links, is in kinds[]. Weakest of all
 * claims: a name the artwork has always wins.
 */
/* WordNet's lemmas sorted by text, each with its index in wn: found by bsearch. */
struct lemma_map {
	struct lemma_at {
		const char *s;
		size_t i;
	} *e;
	size_t n;
};

static int cmp_lemma_at(const void *a, const void *b)
{
	return strcmp(((const struct lemma_at *)a)->s, ((const struct lemma_at *)b)->s);
}

static bool lemma_map_build(struct lemma_map *m, const struct wordnet *wn)
{
	m->n = wordnet_lemma_count(wn);
	m->e = malloc((m->n + 1) * sizeof *m->e);
	if (m->e == NULL)
		return false;
	for (size_t i = 0; i < m->n; i++) {
		m->e[i].s = wordnet_lemma(wn, i);
		m->e[i].i = i;
	}
	qsort(m->e, m->n, sizeof *m->e, cmp_lemma_at);
	return true;
}

/* The lemma index of word (spaces written as WordNet's '_'), or -1. */
static long lemma_map_find(const struct lemma_map *m, const char *word)
{
	char key[TERM_MAX];
	size_t k = 0;
	for (; word[k] && k + 1 < sizeof key; k++)
		key[k] = word[k] == ' ' ? '_' : word[k];
	key[k] = '\0';
	struct lemma_at probe = { key, 0 };
	const struct lemma_at *hit = bsearch(&probe, m->e, m->n, sizeof *m->e, cmp_lemma_at);
	return hit ? (long)hit->i : -1;
}

/*
 * Emoji tags that WordNet knows as adjectives at least as often as nouns are
 * read as adjectives: "smart" is not a brain, "dead" not a zombie, "simple" not
 * a house, "chinese" not a person in a skullcap. A few whose noun is the thing
 * drawn stay ("pedestrian", "newborn", "evergreen").
 */
static void drop_adjective_tags(const struct wordnet *wn, const struct lemma_map *lm)
{
	static const char *const keep[] = { "pedestrian", "newborn", "senior", "teen", "evergreen",
					    "plush", "floppy", "mobile", "liquid", "annelid",
					    "feline", "equine", "adult", "human", "male", "female" };
	int dropped = 0;
	for (int t = 0; t < nterms; t++) {
		const char *w = terms[t].text;
		if (terms[t].prio > 1 || w[0] == '\0' || strchr(w, ' '))
			continue;
		bool kept = false;
		for (size_t k = 0; k < NELEM(keep); k++)
			kept = kept || strcmp(w, keep[k]) == 0;
		int adj = adjective_senses(w);
		if (kept || adj == 0)
			continue;
		long li = lemma_map_find(lm, w);
		int noun = li >= 0 ? wordnet_senses(wn, (size_t)li) : 0;
		if (adj >= noun) {
			terms[t].text[0] = '\0';
			dropped++;
		}
	}
	fprintf(stderr, "artgen: %d tags read as adjectives\n", dropped);
}

/*
 * An emoji keyword names the picture only when WordNet relates them: the keyword
 * is a kind of what the label names ("alpaca": a llama), the label's thing a
 * kind of the keyword ("dinosaur": the T-Rex), within four steps, or both are
 * things of one sort (WordNet's lexicographer file: "pants" and jeans are
 * artifacts, a bride and the woman with a veil people). Keywords that only go
 * with the picture are dropped, so "cafe" is not a hot drink, "sand" not an
 * hourglass, "back" not a door, "air" not a window; so are keywords WordNet
 * does not know ("bff", "adorbs").
 */
static void drop_unrelated_tags(const struct wordnet *wn, const struct lemma_map *lm)
{
	int dropped = 0;
	for (int t = 0; t < nterms; t++) {
		const char *w = terms[t].text;
		if (terms[t].prio != 1 || w[0] == '\0' || strchr(w, ' '))
			continue;
		char label[TERM_MAX];
		if (!normalize(arts[terms[t].art].label, label, sizeof label))
			continue;
		/* A keyword that is a word of the label names it ("cat" of "cat face"). */
		bool in_label = false;
		size_t wl = strlen(w);
		for (const char *p = label; (p = strstr(p, w)) != NULL; p++) {
			bool start = p == label || p[-1] == ' ';
			bool end = p[wl] == '\0' || p[wl] == ' ' ||
				   (p[wl] == 's' && (p[wl + 1] == '\0' || p[wl + 1] == ' '));
			if (start && end) {
				in_label = true;
				break;
			}
		}
		if (in_label)
			continue;
		long ti = lemma_map_find(lm, w);
		bool related = false;
		if (ti >= 0) {
			/* The label as a lemma ("hot_beverage"), else its last word ("beverage"); a
			 * person's artwork ("woman with veil") is a person. */
			const char *head = strrchr(label, ' ');
			head = head ? head + 1 : label;
			char lab[TERM_MAX];
			size_t k = 0;
			for (; label[k] && k + 1 < sizeof lab; k++)
				lab[k] = label[k] == ' ' ? '_' : label[k];
			lab[k] = '\0';
			const char *cats[2] = { lab, head };
			related = wordnet_kind_of(wn, (size_t)ti, cats, 2, 4) >= 0;
			long li = lemma_map_find(lm, label);
			if (li < 0)
				li = lemma_map_find(lm, head);
			static const char *const people[] = { "man", "woman", "person", "people",
							      "men", "women" };
			for (size_t p = 0; p < NELEM(people); p++) {
				size_t pl = strlen(people[p]);
				if (strncmp(label, people[p], pl) == 0 && label[pl] == ' ') {
					li = lemma_map_find(lm, "person");
					break;
				}
			}
			const char *up[1] = { w };
			if (!related && li >= 0)
				related = wordnet_kind_of(wn, (size_t)li, up, 1, 4) >= 0;
			/* Things of the same sort stand in for each other ("pants": jeans,
			 * "bride": the woman with a veil, "cabbage": a leafy green); a thing of
			 * another sort does not ("cafe": a place, not a drink). */
			if (!related && li >= 0)
				related = wordnet_lexfile(wn, (size_t)ti) == wordnet_lexfile(wn, (size_t)li);
		}
		if (!related) {
			if (getenv("ARTGEN_VERBOSE"))
				fprintf(stderr, "artgen: keyword %s is not %s\n", w, label);
			terms[t].text[0] = '\0';
			dropped++;
		}
	}
	fprintf(stderr, "artgen: %d keywords dropped as unrelated to their picture\n", dropped);
}

static void add_wordnet_kinds(const char *dir)
{
	const char *cats[NELEM(kinds)];
	int cat_art[NELEM(kinds)];
	const char **known = NULL;
	int added = 0;
	struct wordnet *wn = wordnet_open(dir);
	if (wn == NULL)
		return;
	adjectives_load(dir);
	struct lemma_map lm;
	if (lemma_map_build(&lm, wn)) {
		drop_adjective_tags(wn, &lm);
		drop_unrelated_tags(wn, &lm);
		free(lm.e);
	}
	for (size_t k = 0; k < NELEM(kinds); k++) {
		cats[k] = kinds[k].lemma;
		cat_art[k] = find_label(kinds[k].label);
		if (cat_art[k] < 0)
			fprintf(stderr, "artgen: kind %s: no artwork labelled %s\n", kinds[k].lemma,
				kinds[k].label);
	}
	known = malloc((size_t)(nterms > 0 ? nterms : 1) * sizeof *known);
	if (known == NULL)
		goto out;
	int nknown = nterms;
	for (int t = 0; t < nterms; t++)
		known[t] = terms[t].text;
	qsort(known, (size_t)nknown, sizeof *known, cmp_str);
	for (size_t i = 0; i < wordnet_lemma_count(wn); i++) {
		char t[TERM_MAX];
		const char *lemma = wordnet_lemma(wn, i);
		if (!normalize(lemma, t, sizeof t) || word_count(t) > 3)
			continue;
		const char *key = t;
		if (bsearch(&key, known, (size_t)nknown, sizeof *known, cmp_str) != NULL)
			continue;
		/* A word that is more often an adjective is read as one ("lush", "modern",
		 * "white"): drawing a person for it would be a guess. Eras and styles that are
		 * as often adjectives go too ("victorian"); "cathedral" stays a building. */
		int adj = adjective_senses(t);
		if (adj > wordnet_senses(wn, i) || (adj > 0 && era_word(t)))
			continue;
		int lf = wordnet_lexfile(wn, i);
		if (lf != WN_ANIMAL && lf != WN_ARTIFACT && lf != WN_FOOD && lf != WN_OBJECT &&
		    lf != WN_PERSON && lf != WN_PLANT)
			continue;
		if (!wordnet_plain_thing(wn, i))
			continue;
		int c = wordnet_kind_of(wn, i, cats, NELEM(kinds), 6);
		if (c < 0 || cat_art[c] < 0)
			continue;
		term_add(t, cat_art[c], -1);
		added++;
	}
	fprintf(stderr, "artgen: %d nouns from WordNet (%s)\n", added, dir);
out:
	free(known);
	wordnet_close(wn);
}


/*
 * English words, for the engine's spelling: every single-word lemma of
 * WordNet's four parts of speech and its listed irregular forms, lowercase
 * a-z only, sorted and distinct. Returns how many were added to out (offsets
 * into strings), 0 without WordNet.
 */
static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int english_words(const char *dir, struct buf *strings, struct buf *out)
{
	static const char *const files[] = { "index.noun", "index.verb", "index.adj", "index.adv",
					     "noun.exc",   "verb.exc",   "adj.exc",	  "adv.exc" };
	size_t cap = 0, n = 0;
	char **w = NULL;
	for (size_t f = 0; f < NELEM(files); f++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, files[f]);
		FILE *fp = fopen(path, "r");
		if (fp == NULL)
			continue;
		char line[4096];
		while (fgets(line, sizeof line, fp)) {
			if (line[0] == ' ')
				continue; /* the licence */
			size_t len = strcspn(line, " \n");
			bool plain = len >= 2 && len < 40;
			for (size_t i = 0; i < len && plain; i++)
				plain = line[i] >= 'a' && line[i] <= 'z';
			if (!plain)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 65536;
				char **g = realloc(w, cap * sizeof *w);
				if (g == NULL)
					break;
				w = g;
			}
			line[len] = '\0';
			w[n] = strdup(line);
			if (w[n])
				n++;
		}
		fclose(fp);
	}
	qsort(w, n, sizeof *w, cmp_cstr);
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(w[i - 1], w[i]) != 0) {
			uint32_t off = str_add(strings, w[i]);
			buf_add(out, &off, sizeof off);
			count++;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
	return count;
}

int main(int argc, char **argv)
{
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: artgen NODE_MODULES_DIR OUT_FILE [WORDNET_DIR]\n");
		return 2;
	}
	int rc = 1;
	const char *dir = argv[1];
	struct noun_tmp *nouns = NULL;
	struct buf strings = {0}, artb = {0}, nounb = {0}, wordb = {0};
	json_t *icons = load(dir, "@iconify-json/noto/icons.json");
	json_t *chars = load(dir, "@iconify-json/noto/chars.json");
	json_t *data = load(dir, "emojibase-data/en/data.json");
	json_t *codes = load(dir, "emojibase-data/en/shortcodes/emojibase.json");
	if (!icons || !chars || !data || !codes)
		goto out;
	json_t *ic = json_object_get(icons, "icons");
	int dw = (int)json_integer_value(json_object_get(icons, "width"));
	int dh = (int)json_integer_value(json_object_get(icons, "height"));
	size_t i;
	json_t *e;
	json_array_foreach(data, i, e)
	{
		int group = (int)json_integer_value(json_object_get(e, "group"));
		int sub = (int)json_integer_value(json_object_get(e, "subgroup"));
		if (!json_object_get(e, "group"))
			continue;
		float height = 0;
		unsigned flags = 0;
		for (size_t k = 0; k < NELEM(subgroup_info); k++) {
			if (subgroup_info[k].subgroup == sub) {
				height = subgroup_info[k].height;
				flags = subgroup_info[k].flags;
			}
		}
		if (height <= 0)
			continue; /* smileys, hands, symbols, country flags: not things in a scene
				   */
		/* Whole landscapes drawn as framed pictures are places, not things in one. */
		const char *lb = json_string_value(json_object_get(e, "label"));
		if (lb && (strstr(lb, "park") || strstr(lb, "cityscape") || strstr(lb, "sunset") ||
			   strstr(lb, "sunrise") || strstr(lb, "night") || strstr(lb, "foggy") ||
			   strstr(lb, "milky way") || strstr(lb, "map")))
			continue;
		const char *hex = json_string_value(json_object_get(e, "hexcode"));
		const char *label = json_string_value(json_object_get(e, "label"));
		if (!hex || !label)
			continue;
		char key[128];
		size_t kn = 0;
		for (const char *p = hex; *p && kn + 1 < sizeof key; p++)
			key[kn++] = (char)tolower((unsigned char)*p);
		key[kn] = '\0';
		const char *name = json_string_value(json_object_get(chars, key));
		if (name == NULL) {
			/* Without the variation selector. */
			char *fe = strstr(key, "-fe0f");
			if (fe)
				memmove(fe, fe + 5, strlen(fe + 5) + 1);
			name = json_string_value(json_object_get(chars, key));
		}
		json_t *icon = name ? json_object_get(ic, name) : NULL;
		const char *body = icon ? json_string_value(json_object_get(icon, "body")) : NULL;
		if (body == NULL || narts >= MAX_ARTS)
			continue;
		struct art *a = &arts[narts];
		a->label = label;
		a->svg = body;
		a->vw = json_object_get(icon, "width")
			    ? (int)json_integer_value(json_object_get(icon, "width"))
			    : dw;
		a->vh = json_object_get(icon, "height")
			    ? (int)json_integer_value(json_object_get(icon, "height"))
			    : dh;
		a->group = group;
		a->subgroup = sub;
		a->order = (int)json_integer_value(json_object_get(e, "order"));
		a->height = height;
		a->flags = flags;
		for (size_t k = 0; k < NELEM(height_overrides); k++)
			if (strcasecmp(height_overrides[k].label, label) == 0)
				a->height = height_overrides[k].height;
		/* Hats, caps, crowns and helmets sit on a head; glasses on a face. */
		if (sub == 65 && (strstr(label, "hat") || strstr(label, "cap") ||
				  strstr(label, "crown") || strstr(label, "helmet")))
			a->flags |= ART_HEADWEAR;
		if (sub == 65 && strstr(label, "glasses"))
			a->flags |= ART_HEADWEAR;
		/* Clothes, by where a person wears them. */
		if (sub == 65) {
			static const struct {
				const char *label;
				unsigned where;
			} worn[] = {
				{ "lab coat", ART_TOP | ART_LEGS }, { "safety vest", ART_TOP },
				{ "t-shirt", ART_TOP }, { "coat", ART_TOP | ART_LEGS },
				{ "dress", ART_TOP | ART_LEGS }, { "kimono", ART_TOP | ART_LEGS },
				{ "sari", ART_TOP | ART_LEGS }, { "one-piece swimsuit", ART_TOP },
				{ "bikini", ART_TOP }, { "woman’s clothes", ART_TOP },
				{ "jeans", ART_LEGS }, { "shorts", ART_LEGS }, { "briefs", ART_LEGS },
				{ "socks", ART_FEET }, { "thong sandal", ART_FEET }, { "man’s shoe", ART_FEET },
				{ "running shoe", ART_FEET }, { "hiking boot", ART_FEET },
				{ "flat shoe", ART_FEET }, { "high-heeled shoe", ART_FEET },
				{ "woman’s sandal", ART_FEET }, { "ballet shoes", ART_FEET },
				{ "woman’s boot", ART_FEET }, { "necktie", ART_NECK }, { "scarf", ART_NECK },
			};
			for (size_t k = 0; k < NELEM(worn); k++)
				if (strcmp(label, worn[k].label) == 0)
					a->flags |= worn[k].where;
		}
		if (strcmp(label, "teddy bear") == 0)
			a->flags |= ART_ANIMAL; /* a head a crown fits on */
		if (strcmp(label, "snowman") == 0 || strstr(label, "umbrella"))
			a->flags &= ~(unsigned)ART_FLOATS;
		int ai = narts++;
		term_add(label, ai, 3);
		/* "racing car" is also a "car", "tropical fish" a "fish": the head noun, weakest.
		 */
		const char *sp = strrchr(label, ' ');
		if (sp && !strstr(label, " with ") && !strstr(label, " of ") &&
		    !strstr(label, "face") && word_count(label) <= 3 && !stopped(sp + 1))
			term_add(sp + 1, ai, 0);
		json_t *sc = json_object_get(codes, hex);
		if (json_is_string(sc))
			shortcode_add(json_string_value(sc), ai);
		size_t k;
		json_t *v;
		json_array_foreach(sc, k, v) shortcode_add(json_string_value(v), ai);
		json_array_foreach(json_object_get(e, "tags"), k, v)
		{
			const char *tag = json_string_value(v);
			char t[TERM_MAX];
			if (tag && normalize(tag, t, sizeof t) && !stopped(t))
				term_add(tag, ai, 1);
		}
	}
	for (size_t k = 0; k < NELEM(synonyms); k++) {
		int a = find_label(synonyms[k].label);
		if (a >= 0)
			term_add(synonyms[k].word, a, 4);
		else
			fprintf(stderr, "artgen: synonym %s: no artwork labelled %s\n",
				synonyms[k].word, synonyms[k].label);
	}
	if (argc == 4)
		add_wordnet_kinds(argv[3]);
	/* Plurals written as tags ("cats") are not nouns of their own. */
	for (int t = 0; t < nterms; t++)
		if (terms[t].prio <= 1 && is_plural_of_other(&terms[t]))
			terms[t].text[0] = '\0';
	/* Nor are irregular plurals ("men" is the plural of "man", not the men with bunny ears). */
	for (int t = 0; t < nterms; t++)
		for (size_t k = 0; k < NELEM(irregular) && terms[t].prio <= 2; k++)
			if (strcmp(irregular[k].plural, irregular[k].singular) != 0 &&
			    strcmp(terms[t].text, irregular[k].plural) == 0)
				terms[t].text[0] = '\0';
	qsort(terms, (size_t)nterms, sizeof terms[0], cmp_term);

	/* One noun per distinct text: its best claim. */
	nouns = calloc((size_t)nterms + 1, sizeof *nouns);
	if (nouns == NULL)
		goto out;
	int nn = 0;
	for (int t = 0; t < nterms; t++) {
		if (terms[t].text[0] == '\0' ||
		    (nn > 0 && strcmp(nouns[nn - 1].singular, terms[t].text) == 0))
			continue;
		memcpy(nouns[nn].singular, terms[t].text, TERM_MAX);
		plural_of(terms[t].text, nouns[nn].plural, sizeof nouns[nn].plural);
		nouns[nn].art = terms[t].art;
		nouns[nn].weak = terms[t].prio < 0;
		nn++;
	}

	str_add(&strings, "");
	for (int a = 0; a < narts; a++) {
		char label[TERM_MAX];
		if (!normalize(arts[a].label, label, sizeof label))
			snprintf(label, sizeof label, "artwork");
		struct art_file_art r = {0};
		r.name = str_add(&strings, label);
		r.svg = str_add(&strings, arts[a].svg);
		r.svg_len = (uint32_t)strlen(arts[a].svg);
		r.height = arts[a].height;
		r.flags = (uint16_t)arts[a].flags;
		r.group = (uint16_t)arts[a].subgroup;
		r.vw = (uint16_t)arts[a].vw;
		r.vh = (uint16_t)arts[a].vh;
		buf_add(&artb, &r, sizeof r);
	}
	/* Nouns are sorted by singular already (terms were sorted by text). */
	for (int k = 0; k < nn; k++) {
		struct art_file_noun r = {0};
		r.singular = str_add(&strings, nouns[k].singular);
		r.plural = str_add(&strings, nouns[k].plural);
		r.art = (uint32_t)nouns[k].art;
		r.flags = nouns[k].weak ? ART_NOUN_WEAK : 0;
		buf_add(&nounb, &r, sizeof r);
	}
	const struct art_file_noun *nr = (const struct art_file_noun *)nounb.p;
	int nw = 0;
	for (int k = 0; k < nn; k++) {
		struct art_file_word wd = {0};
		wd.phrase = nr[k].singular;
		wd.noun = (uint32_t)k;
		wd.nwords = (uint8_t)word_count(nouns[k].singular);
		buf_add(&wordb, &wd, sizeof wd);
		nw++;
		/* The plural, unless it is another noun's singular ("glasses"). */
		bool taken = strcmp(nouns[k].plural, nouns[k].singular) == 0;
		for (int m = 0; m < nn && !taken; m++)
			if (strcmp(nouns[m].singular, nouns[k].plural) == 0)
				taken = true;
		if (taken)
			continue;
		wd.phrase = nr[k].plural;
		wd.plural = 1;
		wd.nwords = (uint8_t)word_count(nouns[k].plural);
		buf_add(&wordb, &wd, sizeof wd);
		nw++;
	}
	g_strings = strings.p;
	qsort(wordb.p, (size_t)nw, sizeof(struct art_file_word), cmp_word_q);
	/* Two nouns with the same plural: keep the first. */
	struct art_file_word *ws = (struct art_file_word *)wordb.p;
	int out = 0;
	for (int k = 0; k < nw; k++) {
		if (out > 0 &&
		    strcmp(strings.p + ws[out - 1].phrase, strings.p + ws[k].phrase) == 0)
			continue;
		ws[out++] = ws[k];
	}
	nw = out;

	struct buf engb = {0};
	int ne = argc == 4 ? english_words(argv[3], &strings, &engb) : 0;

	struct art_file_header h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, ART_MAGIC, sizeof h.magic);
	h.nart = (uint32_t)narts;
	h.nnoun = (uint32_t)nn;
	h.nword = (uint32_t)nw;
	h.strings_len = (uint32_t)strings.n;
	h.nenglish = (uint32_t)ne;
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
	FILE *f = fopen(tmp, "wb");
	if (f == NULL) {
		perror(tmp);
		goto out;
	}
	bool ok = fwrite(&h, sizeof h, 1, f) == 1 && fwrite(artb.p, 1, artb.n, f) == artb.n &&
		  fwrite(nounb.p, 1, nounb.n, f) == nounb.n &&
		  fwrite(wordb.p, sizeof(struct art_file_word), (size_t)nw, f) == (size_t)nw &&
		  (engb.n == 0 || fwrite(engb.p, 1, engb.n, f) == engb.n) &&
		  fwrite(strings.p, 1, strings.n, f) == strings.n;
	free(engb.p);
	if (fclose(f) != 0 || !ok || rename(tmp, argv[2]) != 0) {
		perror(argv[2]);
		goto out;
	}
	fprintf(stderr, "artgen: %d artworks, %d nouns, %d phrases, %d English words -> %s\n", narts,
		nn, nw, ne, argv[2]);
	rc = 0;
out:
	free(nouns);
	free(strings.p);
	free(artb.p);
	free(nounb.p);
	free(wordb.p);
	json_decref(icons);
	json_decref(chars);
	json_decref(data);
	json_decref(codes);
	return rc;
}
