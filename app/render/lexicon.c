/*
 * lexicon: the words the engine understands and the tokenizer that finds
 * them. Every table is static data; lang_lex() matches the longest phrase at
 * each word, so "golden hour" is a light and not a gold material, "sky blue"
 * a colour and not a setting, "on top of" one relation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include "artwork.h"
#include "language.h"
#include "utf8.h"

struct entry {
	const char *phrase;
	enum tok_type type;
	int value;
};

#define REL_INVERSE 0x100
#define REL_AGENT 0x200 /* an action: see "people and actions" */
#define REL_AFTER 0x400 /* between the object before the last and the last ("in hand") */

/*
 * Phrases, each a space-separated run of lowercased words (the tokenizer
 * splits hyphens, so "close-up" is "close up"). Order matters only between
 * phrases of the same length: the first wins.
 */
static const struct entry entries[] = {
	/* counts */
	{ "a", TOK_COUNT, -1 }, { "an", TOK_COUNT, -1 }, { "another", TOK_COUNT, -1 },
	{ "one", TOK_COUNT, 1 }, { "single", TOK_COUNT, 1 }, { "lone", TOK_COUNT, 1 },
	{ "two", TOK_COUNT, 2 }, { "three", TOK_COUNT, 3 }, { "four", TOK_COUNT, 4 },
	{ "five", TOK_COUNT, 5 }, { "six", TOK_COUNT, 6 }, { "seven", TOK_COUNT, 7 },
	{ "eight", TOK_COUNT, 8 }, { "nine", TOK_COUNT, 9 }, { "ten", TOK_COUNT, 10 },
	{ "a pair of", TOK_COUNT, 2 }, { "pair of", TOK_COUNT, 2 }, { "a couple of", TOK_COUNT, 2 },
	{ "couple of", TOK_COUNT, 2 }, { "twin", TOK_COUNT, 2 }, { "twins", TOK_COUNT, 2 },
	{ "a trio of", TOK_COUNT, 3 }, { "trio of", TOK_COUNT, 3 }, { "several", TOK_COUNT, 3 },
	{ "a few", TOK_COUNT, 3 }, { "few", TOK_COUNT, 3 }, { "some", TOK_COUNT, 3 },
	{ "hundreds of", TOK_COUNT, RENDER_MAX_COUNT }, { "thousands of", TOK_COUNT, RENDER_MAX_COUNT },
	{ "dozens of", TOK_COUNT, RENDER_MAX_COUNT }, { "countless", TOK_COUNT, RENDER_MAX_COUNT },
	{ "many", TOK_COUNT, 5 }, { "lots of", TOK_COUNT, 5 }, { "a lot of", TOK_COUNT, 5 },
	{ "a bunch of", TOK_COUNT, 5 }, { "bunch of", TOK_COUNT, 5 }, { "numerous", TOK_COUNT, 5 },
	{ "plenty of", TOK_COUNT, 5 }, { "a group of", TOK_COUNT, 5 }, { "a row of", TOK_COUNT, 5 },
	{ "a dozen", TOK_COUNT, 10 }, { "dozen", TOK_COUNT, 10 }, { "a stack of", TOK_COUNT, 3 },
	{ "a pile of", TOK_COUNT, 5 },

	/* definite references and pronouns */
	{ "the", TOK_THE, 0 }, { "this", TOK_THE, 0 }, { "that", TOK_THE, 0 },
	{ "these", TOK_THE, 0 }, { "those", TOK_THE, 0 },
	{ "it", TOK_PRONOUN, 0 }, { "its", TOK_STOP, 0 }, { "them", TOK_PRONOUN, 1 },
	{ "they", TOK_PRONOUN, 1 }, { "all", TOK_PRONOUN, 1 }, { "both", TOK_PRONOUN, 1 },
	{ "everything", TOK_PRONOUN, 1 }, { "all of them", TOK_PRONOUN, 1 },
	{ "both of them", TOK_PRONOUN, 1 }, { "each of them", TOK_PRONOUN, 1 },

	{ "and", TOK_AND, 0 }, { "plus", TOK_ADD, 0 },
	{ "made of", TOK_POST, 0 }, { "made from", TOK_POST, 0 }, { "made out of", TOK_POST, 0 },
	{ "in", TOK_POST, 0 }, { "of", TOK_POST, 0 }, { "painted", TOK_POST, 0 },
	{ "colored", TOK_POST, 0 }, { "coloured", TOK_POST, 0 },
	/* The drink's artwork is in its glass: "a glass of wine". */
	{ "glass of", TOK_STOP, 0 }, { "glasses of", TOK_STOP, 0 }, { "in the color", TOK_POST, 0 },
	{ "in the colour", TOK_POST, 0 },

	/* sizes */
	{ "tiny", TOK_SIZE, SIZE_TINY }, { "teeny", TOK_SIZE, SIZE_TINY }, { "mini", TOK_SIZE, SIZE_TINY },
	{ "miniature", TOK_SIZE, SIZE_TINY }, { "minuscule", TOK_SIZE, SIZE_TINY },
	{ "small", TOK_SIZE, SIZE_SMALL }, { "little", TOK_SIZE, SIZE_SMALL },
	{ "big", TOK_SIZE, SIZE_LARGE }, { "large", TOK_SIZE, SIZE_LARGE },
	{ "huge", TOK_SIZE, SIZE_HUGE }, { "giant", TOK_SIZE, SIZE_HUGE },
	{ "gigantic", TOK_SIZE, SIZE_HUGE }, { "enormous", TOK_SIZE, SIZE_HUGE },
	{ "massive", TOK_SIZE, SIZE_HUGE }, { "colossal", TOK_SIZE, SIZE_HUGE },
	{ "jumbo", TOK_SIZE, SIZE_HUGE }, { "normal size", TOK_SIZE, SIZE_DEFAULT },
	{ "normal sized", TOK_SIZE, SIZE_DEFAULT }, { "medium", TOK_SIZE, SIZE_DEFAULT },
	{ "medium sized", TOK_SIZE, SIZE_DEFAULT },

	/* materials */
	{ "matte", TOK_MATERIAL, MAT_MATTE }, { "matt", TOK_MATERIAL, MAT_MATTE },
	{ "flat", TOK_MATERIAL, MAT_MATTE }, { "dull", TOK_MATERIAL, MAT_MATTE },
	{ "glossy", TOK_MATERIAL, MAT_GLOSSY }, { "shiny", TOK_MATERIAL, MAT_GLOSSY },
	{ "polished", TOK_MATERIAL, MAT_GLOSSY }, { "lacquered", TOK_MATERIAL, MAT_GLOSSY },
	{ "gloss", TOK_MATERIAL, MAT_GLOSSY }, { "shining", TOK_MATERIAL, MAT_GLOSSY },
	{ "metal", TOK_MATERIAL, MAT_METAL }, { "metallic", TOK_MATERIAL, MAT_METAL },
	{ "chrome", TOK_MATERIAL, MAT_METAL }, { "chromed", TOK_MATERIAL, MAT_METAL },
	{ "steel", TOK_MATERIAL, MAT_METAL }, { "iron", TOK_MATERIAL, MAT_METAL },
	{ "aluminium", TOK_MATERIAL, MAT_METAL }, { "aluminum", TOK_MATERIAL, MAT_METAL },
	{ "stainless steel", TOK_MATERIAL, MAT_METAL },
	{ "gold", TOK_MATERIAL, MAT_GOLD }, { "golden", TOK_MATERIAL, MAT_GOLD },
	{ "gilded", TOK_MATERIAL, MAT_GOLD }, { "gilt", TOK_MATERIAL, MAT_GOLD },
	{ "glass", TOK_MATERIAL, MAT_GLASS }, { "glassy", TOK_MATERIAL, MAT_GLASS },
	{ "crystal", TOK_MATERIAL, MAT_GLASS }, { "transparent", TOK_MATERIAL, MAT_GLASS },
	{ "translucent", TOK_MATERIAL, MAT_GLASS }, { "see through", TOK_MATERIAL, MAT_GLASS },
	{ "wood", TOK_MATERIAL, MAT_WOOD }, { "wooden", TOK_MATERIAL, MAT_WOOD },
	{ "timber", TOK_MATERIAL, MAT_WOOD },
	{ "marble", TOK_MATERIAL, MAT_MARBLE }, { "stone", TOK_MATERIAL, MAT_STONE },
	{ "granite", TOK_MATERIAL, MAT_STONE }, { "concrete", TOK_MATERIAL, MAT_STONE },
	{ "rubber", TOK_MATERIAL, MAT_RUBBER }, { "rubbery", TOK_MATERIAL, MAT_RUBBER },
	{ "glowing", TOK_MATERIAL, MAT_GLOW }, { "glow", TOK_MATERIAL, MAT_GLOW },
	{ "turned on", TOK_MATERIAL, MAT_GLOW }, { "switched on", TOK_MATERIAL, MAT_GLOW },
	{ "neon", TOK_MATERIAL, MAT_GLOW }, { "luminous", TOK_MATERIAL, MAT_GLOW },
	{ "fluorescent", TOK_MATERIAL, MAT_GLOW }, { "light up", TOK_MATERIAL, MAT_GLOW },
	{ "plastic", TOK_MATERIAL, MAT_PLASTIC },
	{ "ceramic", TOK_MATERIAL, MAT_CERAMIC }, { "porcelain", TOK_MATERIAL, MAT_CERAMIC },
	{ "clay", TOK_MATERIAL, MAT_CERAMIC }, { "terracotta", TOK_MATERIAL, MAT_CERAMIC },
	{ "fabric", TOK_MATERIAL, MAT_FABRIC }, { "cloth", TOK_MATERIAL, MAT_FABRIC },
	{ "wool", TOK_MATERIAL, MAT_FABRIC }, { "woolen", TOK_MATERIAL, MAT_FABRIC },
	{ "woollen", TOK_MATERIAL, MAT_FABRIC }, { "knitted", TOK_MATERIAL, MAT_FABRIC },
	{ "felt", TOK_MATERIAL, MAT_FABRIC }, { "velvet", TOK_MATERIAL, MAT_FABRIC },
	{ "cotton", TOK_MATERIAL, MAT_FABRIC }, { "plush", TOK_MATERIAL, MAT_FABRIC },
	{ "silk", TOK_MATERIAL, MAT_FABRIC }, { "silken", TOK_MATERIAL, MAT_FABRIC },
	{ "denim", TOK_MATERIAL, MAT_FABRIC }, { "linen", TOK_MATERIAL, MAT_FABRIC },
	{ "satin", TOK_MATERIAL, MAT_FABRIC }, { "crocheted", TOK_MATERIAL, MAT_FABRIC },
	{ "knit", TOK_MATERIAL, MAT_FABRIC }, { "embroidered", TOK_MATERIAL, MAT_FABRIC },
	{ "leather", TOK_MATERIAL, MAT_LEATHER }, { "leathery", TOK_MATERIAL, MAT_LEATHER },
	{ "suede", TOK_MATERIAL, MAT_LEATHER },
	{ "paper", TOK_MATERIAL, MAT_PAPER }, { "cardboard", TOK_MATERIAL, MAT_PAPER },
	{ "origami", TOK_MATERIAL, MAT_PAPER }, { "papier mache", TOK_MATERIAL, MAT_PAPER },
	{ "ice", TOK_MATERIAL, MAT_ICE }, { "icy", TOK_MATERIAL, MAT_ICE },
	{ "frozen", TOK_MATERIAL, MAT_ICE },
	{ "bronze", TOK_MATERIAL, MAT_BRONZE }, { "brass", TOK_MATERIAL, MAT_BRONZE },
	{ "copper", TOK_MATERIAL, MAT_COPPER }, { "coppery", TOK_MATERIAL, MAT_COPPER },

	/* relations */
	{ "left of", TOK_RELATION, REL_LEFT_OF }, { "to the left of", TOK_RELATION, REL_LEFT_OF },
	{ "on the left of", TOK_RELATION, REL_LEFT_OF },
	{ "on the left side of", TOK_RELATION, REL_LEFT_OF },
	{ "at the left of", TOK_RELATION, REL_LEFT_OF },
	{ "right of", TOK_RELATION, REL_RIGHT_OF }, { "to the right of", TOK_RELATION, REL_RIGHT_OF },
	{ "on the right of", TOK_RELATION, REL_RIGHT_OF },
	{ "on the right side of", TOK_RELATION, REL_RIGHT_OF },
	{ "at the right of", TOK_RELATION, REL_RIGHT_OF },
	{ "above", TOK_RELATION, REL_ABOVE }, { "over", TOK_RELATION, REL_ABOVE },
	{ "hovering above", TOK_RELATION, REL_ABOVE }, { "floating above", TOK_RELATION, REL_ABOVE },
	{ "hovering over", TOK_RELATION, REL_ABOVE }, { "floating over", TOK_RELATION, REL_ABOVE },
	{ "below", TOK_RELATION, REL_BELOW }, { "beneath", TOK_RELATION, REL_BELOW },
	{ "underneath", TOK_RELATION, REL_BELOW },
	{ "on", TOK_RELATION, REL_ON }, { "on top of", TOK_RELATION, REL_ON },
	{ "onto", TOK_RELATION, REL_ON }, { "upon", TOK_RELATION, REL_ON },
	{ "atop", TOK_RELATION, REL_ON }, { "sitting on", TOK_RELATION, REL_ON },
	{ "standing on", TOK_RELATION, REL_ON }, { "resting on", TOK_RELATION, REL_ON },
	{ "under", TOK_RELATION, REL_UNDER },
	{ "in front of", TOK_RELATION, REL_IN_FRONT_OF },
	{ "before", TOK_RELATION, REL_IN_FRONT_OF },
	{ "behind", TOK_RELATION, REL_BEHIND }, { "in back of", TOK_RELATION, REL_BEHIND },
	{ "at the back of", TOK_RELATION, REL_BEHIND },
	{ "next to", TOK_RELATION, REL_NEXT_TO }, { "beside", TOK_RELATION, REL_NEXT_TO },
	{ "besides", TOK_RELATION, REL_NEXT_TO }, { "near", TOK_RELATION, REL_NEXT_TO },
	{ "by", TOK_RELATION, REL_NEXT_TO }, { "alongside", TOK_RELATION, REL_NEXT_TO },
	{ "close to", TOK_RELATION, REL_NEXT_TO }, { "nearby", TOK_RELATION, REL_NEXT_TO },
	{ "between", TOK_RELATION, REL_BETWEEN }, { "in between", TOK_RELATION, REL_BETWEEN },
	{ "among", TOK_RELATION, REL_BETWEEN }, { "amongst", TOK_RELATION, REL_BETWEEN },
	{ "around", TOK_RELATION, REL_AROUND }, { "surrounding", TOK_RELATION, REL_AROUND },
	{ "circling", TOK_RELATION, REL_AROUND }, { "encircling", TOK_RELATION, REL_AROUND },
	{ "orbiting", TOK_RELATION, REL_AROUND },
	{ "surrounded by", TOK_RELATION, REL_AROUND | REL_INVERSE },
	/* "a cat wearing a hat" is the hat on the cat (on its head, when it has one). */
	{ "wearing", TOK_RELATION, REL_ON | REL_INVERSE }, { "wears", TOK_RELATION, REL_ON | REL_INVERSE },
	/*
	 * People and actions. An agent verb acts from the last person or animal (not
	 * from what it holds), and one left without an object stays "not understood";
	 * "in hand" looks back: "a man with a sword in hand".
	 */
	{ "holding", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "holds", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "hold", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "holding up", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "carrying", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "carries", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "carry", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "grabbing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "grabs", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "clutching", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "reading", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "reads", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "read", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "playing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "plays", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "play", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "eating", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "eats", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "eat", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "drinking", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "drinks", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "drink", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "on its back", TOK_RELATION, REL_ON | REL_AFTER | REL_INVERSE },
	{ "on his back", TOK_RELATION, REL_ON | REL_AFTER | REL_INVERSE },
	{ "on her back", TOK_RELATION, REL_ON | REL_AFTER | REL_INVERSE },
	{ "on their backs", TOK_RELATION, REL_ON | REL_AFTER | REL_INVERSE },
	{ "on its head", TOK_RELATION, REL_ON | REL_AFTER | REL_INVERSE },
	{ "on his head", TOK_RELATION, REL_ON | REL_AFTER | REL_INVERSE },
	{ "on her head", TOK_RELATION, REL_ON | REL_AFTER | REL_INVERSE },
	{ "on his shoulders", TOK_RELATION, REL_ON | REL_AFTER | REL_INVERSE },
	{ "on her shoulders", TOK_RELATION, REL_ON | REL_AFTER | REL_INVERSE },
	{ "in hand", TOK_RELATION, REL_HOLDING | REL_AFTER }, { "in his hand", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "in her hand", TOK_RELATION, REL_HOLDING | REL_AFTER }, { "in their hand", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "in its hand", TOK_RELATION, REL_HOLDING | REL_AFTER }, { "in hands", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "in his hands", TOK_RELATION, REL_HOLDING | REL_AFTER }, { "in her hands", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "in their hands", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "riding", TOK_RELATION, REL_RIDING | REL_AGENT }, { "rides", TOK_RELATION, REL_RIDING | REL_AGENT },
	{ "ride", TOK_RELATION, REL_RIDING | REL_AGENT }, { "riding on", TOK_RELATION, REL_RIDING | REL_AGENT },
	{ "on the back of", TOK_RELATION, REL_RIDING | REL_AGENT }, { "mounted on", TOK_RELATION, REL_RIDING | REL_AGENT },
	{ "astride", TOK_RELATION, REL_RIDING | REL_AGENT },
	{ "playing with", TOK_RELATION, REL_NEXT_TO | REL_AGENT }, { "plays with", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking through", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking into", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "peering through", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "peering into", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "growing out of", TOK_RELATION, REL_ON }, { "sprouting from", TOK_RELATION, REL_ON },
	{ "growing from", TOK_RELATION, REL_ON }, { "looks at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "watching", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "him", TOK_PRONOUN, 2 }, { "he", TOK_PRONOUN, 2 }, { "she", TOK_PRONOUN, 2 },
	{ "portrait", TOK_CAMERA, CAM_CLOSEUP }, { "portrait of", TOK_CAMERA, CAM_CLOSEUP },
	{ "headshot", TOK_CAMERA, CAM_CLOSEUP }, { "head shot", TOK_CAMERA, CAM_CLOSEUP },
	{ "close up of", TOK_CAMERA, CAM_CLOSEUP }, { "face", TOK_CAMERA, CAM_CLOSEUP },
	{ "full body", TOK_CAMERA, CAM_FRONT }, { "full body shot", TOK_CAMERA, CAM_FRONT },
	{ "full length", TOK_CAMERA, CAM_FRONT }, { "whole body", TOK_CAMERA, CAM_FRONT },
	/* end of people and actions */

	/* positions in the frame */
	{ "on the left", TOK_POSITION, -1 }, { "to the left", TOK_POSITION, -1 },
	{ "at the left", TOK_POSITION, -1 }, { "left", TOK_POSITION, -1 },
	{ "leftward", TOK_POSITION, -1 }, { "on the left side", TOK_POSITION, -1 },
	{ "on the right", TOK_POSITION, 1 }, { "to the right", TOK_POSITION, 1 },
	{ "at the right", TOK_POSITION, 1 }, { "right", TOK_POSITION, 1 },
	{ "rightward", TOK_POSITION, 1 }, { "on the right side", TOK_POSITION, 1 },
	{ "in the middle", TOK_POSITION, 0 }, { "in the center", TOK_POSITION, 0 },
	{ "in the centre", TOK_POSITION, 0 }, { "to the middle", TOK_POSITION, 0 },
	{ "to the center", TOK_POSITION, 0 }, { "to the centre", TOK_POSITION, 0 },
	{ "center", TOK_POSITION, 0 }, { "centre", TOK_POSITION, 0 }, { "middle", TOK_POSITION, 0 },

	/* settings */
	{ "studio", TOK_SETTING, SET_STUDIO }, { "in a studio", TOK_SETTING, SET_STUDIO },
	{ "white background", TOK_SETTING, SET_STUDIO },
	{ "on white background", TOK_SETTING, SET_STUDIO },
	{ "on a white background", TOK_SETTING, SET_STUDIO },
	{ "on the white background", TOK_SETTING, SET_STUDIO },
	{ "against a white background", TOK_SETTING, SET_STUDIO },
	{ "plain background", TOK_SETTING, SET_STUDIO }, { "simple background", TOK_SETTING, SET_STUDIO },
	{ "on a plain background", TOK_SETTING, SET_STUDIO },
	{ "white backdrop", TOK_SETTING, SET_STUDIO }, { "product shot", TOK_SETTING, SET_STUDIO },
	{ "sky", TOK_SETTING, SET_SKY }, { "in the sky", TOK_SETTING, SET_SKY },
	{ "blue sky", TOK_SETTING, SET_SKY }, { "up in the sky", TOK_SETTING, SET_SKY },
	{ "in a blue sky", TOK_SETTING, SET_SKY }, { "in the clouds", TOK_SETTING, SET_SKY },
	{ "sunset", TOK_SETTING, SET_SUNSET }, { "at sunset", TOK_SETTING, SET_SUNSET },
	{ "dusk", TOK_SETTING, SET_SUNSET }, { "at dusk", TOK_SETTING, SET_SUNSET },
	{ "sunrise", TOK_SETTING, SET_SUNSET }, { "at sunrise", TOK_SETTING, SET_SUNSET },
	{ "dawn", TOK_SETTING, SET_SUNSET }, { "at dawn", TOK_SETTING, SET_SUNSET },
	{ "morning", TOK_LIGHT, LIGHT_GOLDEN }, { "in the morning", TOK_LIGHT, LIGHT_GOLDEN },
	{ "early morning", TOK_LIGHT, LIGHT_GOLDEN }, { "late afternoon", TOK_LIGHT, LIGHT_GOLDEN }, { "morning light", TOK_LIGHT, LIGHT_GOLDEN },
	{ "matutinal", TOK_LIGHT, LIGHT_GOLDEN },
	{ "twilight", TOK_SETTING, SET_SUNSET }, { "during sunset", TOK_SETTING, SET_SUNSET },
	{ "night", TOK_SETTING, SET_NIGHT }, { "at night", TOK_SETTING, SET_NIGHT },
	{ "nighttime", TOK_SETTING, SET_NIGHT }, { "night time", TOK_SETTING, SET_NIGHT },
	{ "midnight", TOK_SETTING, SET_NIGHT }, { "at midnight", TOK_SETTING, SET_NIGHT },
	{ "night sky", TOK_SETTING, SET_NIGHT }, { "starry", TOK_SETTING, SET_NIGHT },
	{ "starry sky", TOK_SETTING, SET_NIGHT }, { "starry night", TOK_SETTING, SET_NIGHT },
	{ "moonlight", TOK_SETTING, SET_NIGHT }, { "moonlit", TOK_SETTING, SET_NIGHT },
	{ "by moonlight", TOK_SETTING, SET_NIGHT }, { "in the dark", TOK_SETTING, SET_NIGHT },
	{ "space", TOK_SETTING, SET_SPACE }, { "in space", TOK_SETTING, SET_SPACE },
	{ "outer space", TOK_SETTING, SET_SPACE }, { "in outer space", TOK_SETTING, SET_SPACE },
	{ "deep space", TOK_SETTING, SET_SPACE }, { "galaxy", TOK_SETTING, SET_SPACE },
	{ "cosmos", TOK_SETTING, SET_SPACE }, { "universe", TOK_SETTING, SET_SPACE },
	{ "nebula", TOK_SETTING, SET_SPACE }, { "in orbit", TOK_SETTING, SET_SPACE },
	{ "beach", TOK_SETTING, SET_BEACH }, { "on a beach", TOK_SETTING, SET_BEACH },
	{ "on the beach", TOK_SETTING, SET_BEACH }, { "sandy beach", TOK_SETTING, SET_BEACH },
	{ "seaside", TOK_SETTING, SET_BEACH },
	{ "in the sand", TOK_SETTING, SET_BEACH }, { "sandy", TOK_SETTING, SET_BEACH }, { "shore", TOK_SETTING, SET_BEACH },
	{ "seashore", TOK_SETTING, SET_BEACH }, { "coast", TOK_SETTING, SET_BEACH },
	{ "sea", TOK_SETTING, SET_BEACH }, { "ocean", TOK_SETTING, SET_BEACH },
	{ "by the sea", TOK_SETTING, SET_BEACH }, { "on the sea", TOK_SETTING, SET_BEACH },
	{ "on the ocean", TOK_SETTING, SET_BEACH }, { "on the shore", TOK_SETTING, SET_BEACH },
	{ "snow", TOK_SETTING, SET_SNOW }, { "in the snow", TOK_SETTING, SET_SNOW },
	{ "on the snow", TOK_SETTING, SET_SNOW }, { "snowy", TOK_SETTING, SET_SNOW },
	{ "winter", TOK_SETTING, SET_SNOW }, { "in winter", TOK_SETTING, SET_SNOW },
	{ "arctic", TOK_SETTING, SET_SNOW }, { "snowfield", TOK_SETTING, SET_SNOW },
	{ "snowy landscape", TOK_SETTING, SET_SNOW },
	{ "forest", TOK_SETTING, SET_FOREST }, { "in a forest", TOK_SETTING, SET_FOREST },
	{ "in the forest", TOK_SETTING, SET_FOREST }, { "woods", TOK_SETTING, SET_FOREST },
	{ "in the woods", TOK_SETTING, SET_FOREST },
	/* Still water draws as the beach's water. */
	{ "lake", TOK_SETTING, SET_BEACH },
	{ "pond", TOK_SETTING, SET_BEACH }, { "river", TOK_SETTING, SET_BEACH }, { "jungle", TOK_SETTING, SET_FOREST },
	{ "in the jungle", TOK_SETTING, SET_FOREST }, { "woodland", TOK_SETTING, SET_FOREST },
	{ "rainforest", TOK_SETTING, SET_FOREST },
	{ "desert", TOK_SETTING, SET_DESERT }, { "in a desert", TOK_SETTING, SET_DESERT },
	{ "in the desert", TOK_SETTING, SET_DESERT }, { "dunes", TOK_SETTING, SET_DESERT },
	{ "sand dunes", TOK_SETTING, SET_DESERT }, { "sahara", TOK_SETTING, SET_DESERT },
	{ "egypt", TOK_SETTING, SET_DESERT }, { "egyptian", TOK_SETTING, SET_DESERT },
	{ "in egypt", TOK_SETTING, SET_DESERT }, { "of egypt", TOK_SETTING, SET_DESERT },
	{ "of giza", TOK_SETTING, SET_DESERT }, { "giza", TOK_SETTING, SET_DESERT },
	{ "underwater", TOK_SETTING, SET_UNDERWATER },
	{ "under water", TOK_SETTING, SET_UNDERWATER },
	{ "under the sea", TOK_SETTING, SET_UNDERWATER },
	{ "under the ocean", TOK_SETTING, SET_UNDERWATER },
	{ "undersea", TOK_SETTING, SET_UNDERWATER }, { "seabed", TOK_SETTING, SET_UNDERWATER },
	{ "sea floor", TOK_SETTING, SET_UNDERWATER }, { "ocean floor", TOK_SETTING, SET_UNDERWATER },
	{ "on the ocean floor", TOK_SETTING, SET_UNDERWATER },
	{ "on the sea floor", TOK_SETTING, SET_UNDERWATER },
	{ "city", TOK_SETTING, SET_CITY_NIGHT }, { "city at night", TOK_SETTING, SET_CITY_NIGHT },
	{ "in a city at night", TOK_SETTING, SET_CITY_NIGHT },
	{ "in the city at night", TOK_SETTING, SET_CITY_NIGHT },
	{ "in a city", TOK_SETTING, SET_CITY_NIGHT }, { "in the city", TOK_SETTING, SET_CITY_NIGHT },
	{ "cityscape", TOK_SETTING, SET_CITY_NIGHT }, { "urban", TOK_SETTING, SET_CITY_NIGHT },
	{ "cyberpunk", TOK_SETTING, SET_CITY_NIGHT }, { "night city", TOK_SETTING, SET_CITY_NIGHT },
	/* Big cities people name: the city the engine draws. */
	{ "new york", TOK_SETTING, SET_CITY_NIGHT }, { "new york city", TOK_SETTING, SET_CITY_NIGHT },
	{ "nyc", TOK_SETTING, SET_CITY_NIGHT }, { "manhattan", TOK_SETTING, SET_CITY_NIGHT },
	{ "tokyo", TOK_SETTING, SET_CITY_NIGHT }, { "hong kong", TOK_SETTING, SET_CITY_NIGHT },
	{ "shanghai", TOK_SETTING, SET_CITY_NIGHT }, { "las vegas", TOK_SETTING, SET_CITY_NIGHT },
	{ "chicago", TOK_SETTING, SET_CITY_NIGHT }, { "metropolis", TOK_SETTING, SET_CITY_NIGHT },
	{ "big city", TOK_SETTING, SET_CITY_NIGHT }, { "seoul", TOK_SETTING, SET_CITY_NIGHT },
	{ "tabletop", TOK_SETTING, SET_TABLETOP }, { "table top", TOK_SETTING, SET_TABLETOP },
	{ "on a tabletop", TOK_SETTING, SET_TABLETOP },
	{ "on the tabletop", TOK_SETTING, SET_TABLETOP },
	{ "on a table top", TOK_SETTING, SET_TABLETOP },

	/* everyday settings (settings helper) */
	/*
	 * A street by day; "at night" or "city" with it is the city at night
	 * (parse.c). Sports grounds are grass: they draw as the open field.
	 */
	{ "street", TOK_SETTING, SET_STREET }, { "streets", TOK_SETTING, SET_STREET },
	{ "on a street", TOK_SETTING, SET_STREET }, { "on the street", TOK_SETTING, SET_STREET },
	{ "in a street", TOK_SETTING, SET_STREET }, { "in the street", TOK_SETTING, SET_STREET },
	{ "down the street", TOK_SETTING, SET_STREET },
	{ "city street", TOK_SETTING, SET_STREET }, { "city streets", TOK_SETTING, SET_STREET },
	{ "on a city street", TOK_SETTING, SET_STREET },
	{ "on the city street", TOK_SETTING, SET_STREET },
	{ "in a city street", TOK_SETTING, SET_STREET },
	{ "in the city street", TOK_SETTING, SET_STREET },
	{ "in the city streets", TOK_SETTING, SET_STREET },
	{ "road", TOK_SETTING, SET_STREET }, { "on a road", TOK_SETTING, SET_STREET },
	{ "on the road", TOK_SETTING, SET_STREET }, { "down the road", TOK_SETTING, SET_STREET },
	{ "sidewalk", TOK_SETTING, SET_STREET }, { "on the sidewalk", TOK_SETTING, SET_STREET },
	{ "on a sidewalk", TOK_SETTING, SET_STREET }, { "pavement", TOK_SETTING, SET_STREET },
	{ "on the pavement", TOK_SETTING, SET_STREET }, { "downtown", TOK_SETTING, SET_STREET },
	{ "intersection", TOK_SETTING, SET_STREET },
	{ "at an intersection", TOK_SETTING, SET_STREET },
	{ "at the intersection", TOK_SETTING, SET_STREET },
	{ "parking lot", TOK_SETTING, SET_STREET }, { "in a parking lot", TOK_SETTING, SET_STREET },
	{ "in the parking lot", TOK_SETTING, SET_STREET },
	{ "crosswalk", TOK_SETTING, SET_STREET }, { "avenue", TOK_SETTING, SET_STREET },
	{ "room", TOK_SETTING, SET_ROOM }, { "in a room", TOK_SETTING, SET_ROOM },
	{ "in the room", TOK_SETTING, SET_ROOM }, { "interior", TOK_SETTING, SET_ROOM },
	{ "indoors", TOK_SETTING, SET_ROOM }, { "indoor", TOK_SETTING, SET_ROOM },
	{ "kitchen", TOK_SETTING, SET_ROOM }, { "in a kitchen", TOK_SETTING, SET_ROOM },
	{ "in the kitchen", TOK_SETTING, SET_ROOM }, { "bedroom", TOK_SETTING, SET_ROOM },
	{ "in a bedroom", TOK_SETTING, SET_ROOM }, { "in the bedroom", TOK_SETTING, SET_ROOM },
	{ "bathroom", TOK_SETTING, SET_ROOM }, { "in a bathroom", TOK_SETTING, SET_ROOM },
	{ "in the bathroom", TOK_SETTING, SET_ROOM }, { "living room", TOK_SETTING, SET_ROOM },
	{ "in a living room", TOK_SETTING, SET_ROOM },
	{ "in the living room", TOK_SETTING, SET_ROOM }, { "dining room", TOK_SETTING, SET_ROOM },
	{ "office", TOK_SETTING, SET_ROOM }, { "in an office", TOK_SETTING, SET_ROOM },
	{ "in the office", TOK_SETTING, SET_ROOM }, { "restaurant", TOK_SETTING, SET_ROOM },
	{ "in a restaurant", TOK_SETTING, SET_ROOM }, { "cafe", TOK_SETTING, SET_ROOM },
	{ "in a cafe", TOK_SETTING, SET_ROOM }, { "classroom", TOK_SETTING, SET_ROOM },
	{ "hotel room", TOK_SETTING, SET_ROOM },
	{ "field", TOK_SETTING, SET_FIELD }, { "fields", TOK_SETTING, SET_FIELD },
	{ "in a field", TOK_SETTING, SET_FIELD }, { "in the field", TOK_SETTING, SET_FIELD },
	{ "grass", TOK_SETTING, SET_FIELD }, { "grassy", TOK_SETTING, SET_FIELD },
	{ "on the grass", TOK_SETTING, SET_FIELD }, { "in the grass", TOK_SETTING, SET_FIELD },
	{ "grassy field", TOK_SETTING, SET_FIELD }, { "grassland", TOK_SETTING, SET_FIELD },
	{ "meadow", TOK_SETTING, SET_FIELD }, { "in a meadow", TOK_SETTING, SET_FIELD },
	{ "lawn", TOK_SETTING, SET_FIELD }, { "on the lawn", TOK_SETTING, SET_FIELD },
	{ "park", TOK_SETTING, SET_FIELD }, { "in a park", TOK_SETTING, SET_FIELD },
	{ "in the park", TOK_SETTING, SET_FIELD }, { "pasture", TOK_SETTING, SET_FIELD },
	{ "farm", TOK_SETTING, SET_FIELD }, { "on a farm", TOK_SETTING, SET_FIELD },
	{ "yard", TOK_SETTING, SET_FIELD }, { "backyard", TOK_SETTING, SET_FIELD },
	{ "front yard", TOK_SETTING, SET_FIELD }, { "wheat field", TOK_SETTING, SET_FIELD },
	{ "field of wheat", TOK_SETTING, SET_FIELD }, { "corn field", TOK_SETTING, SET_FIELD },
	{ "cornfield", TOK_SETTING, SET_FIELD }, { "back yard", TOK_SETTING, SET_FIELD },
	{ "market", TOK_SETTING, SET_STREET }, { "open market", TOK_SETTING, SET_STREET },
	{ "farmers market", TOK_SETTING, SET_STREET }, { "flea market", TOK_SETTING, SET_STREET },
	{ "produce market", TOK_SETTING, SET_STREET }, { "fish market", TOK_SETTING, SET_STREET },
	{ "street market", TOK_SETTING, SET_STREET }, { "outdoor market", TOK_SETTING, SET_STREET },
	{ "garden", TOK_SETTING, SET_FIELD }, { "in a garden", TOK_SETTING, SET_FIELD },
	{ "in the garden", TOK_SETTING, SET_FIELD }, { "prairie", TOK_SETTING, SET_FIELD },
	{ "countryside", TOK_SETTING, SET_FIELD }, { "savanna", TOK_SETTING, SET_FIELD },
	{ "tennis court", TOK_SETTING, SET_FIELD }, { "court", TOK_SETTING, SET_FIELD },
	{ "baseball field", TOK_SETTING, SET_FIELD }, { "soccer field", TOK_SETTING, SET_FIELD },
	{ "football field", TOK_SETTING, SET_FIELD }, { "soccer pitch", TOK_SETTING, SET_FIELD },
	{ "football pitch", TOK_SETTING, SET_FIELD }, { "playing field", TOK_SETTING, SET_FIELD },
	{ "baseball diamond", TOK_SETTING, SET_FIELD },
	/* end of everyday settings */

	/* light */
	{ "soft", TOK_LIGHT, LIGHT_SOFT }, { "soft light", TOK_LIGHT, LIGHT_SOFT },
	{ "in soft light", TOK_LIGHT, LIGHT_SOFT }, { "soft lighting", TOK_LIGHT, LIGHT_SOFT },
	{ "softly lit", TOK_LIGHT, LIGHT_SOFT }, { "diffuse light", TOK_LIGHT, LIGHT_SOFT },
	{ "diffused light", TOK_LIGHT, LIGHT_SOFT }, { "gentle light", TOK_LIGHT, LIGHT_SOFT },
	{ "dramatic light", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "in dramatic light", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "dramatic lighting", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "dramatic shadows", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "dramatically lit", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "moody lighting", TOK_LIGHT, LIGHT_DRAMATIC }, { "moody light", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "spotlight", TOK_LIGHT, LIGHT_DRAMATIC }, { "spotlit", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "harsh light", TOK_LIGHT, LIGHT_DRAMATIC }, { "chiaroscuro", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "rim light", TOK_LIGHT, LIGHT_DRAMATIC }, { "rim lighting", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "golden hour", TOK_LIGHT, LIGHT_GOLDEN }, { "golden hour light", TOK_LIGHT, LIGHT_GOLDEN },
	{ "in golden hour light", TOK_LIGHT, LIGHT_GOLDEN },
	{ "at golden hour", TOK_LIGHT, LIGHT_GOLDEN },
	{ "golden hour lighting", TOK_LIGHT, LIGHT_GOLDEN },
	{ "golden light", TOK_LIGHT, LIGHT_GOLDEN }, { "warm light", TOK_LIGHT, LIGHT_GOLDEN },
	{ "warm lighting", TOK_LIGHT, LIGHT_GOLDEN }, { "warm sunlight", TOK_LIGHT, LIGHT_GOLDEN },
	{ "neon light", TOK_LIGHT, LIGHT_NEON }, { "in neon light", TOK_LIGHT, LIGHT_NEON },
	{ "neon lights", TOK_LIGHT, LIGHT_NEON }, { "neon lighting", TOK_LIGHT, LIGHT_NEON },
	{ "neon lit", TOK_LIGHT, LIGHT_NEON }, { "neon glow", TOK_LIGHT, LIGHT_NEON },
	{ "candle light", TOK_LIGHT, LIGHT_CANDLE }, { "in candle light", TOK_LIGHT, LIGHT_CANDLE },
	{ "candlelight", TOK_LIGHT, LIGHT_CANDLE }, { "by candlelight", TOK_LIGHT, LIGHT_CANDLE },
	{ "by candle light", TOK_LIGHT, LIGHT_CANDLE }, { "candle lit", TOK_LIGHT, LIGHT_CANDLE },
	{ "candlelit", TOK_LIGHT, LIGHT_CANDLE }, { "candle lighting", TOK_LIGHT, LIGHT_CANDLE },

	/* camera */
	{ "close up", TOK_CAMERA, CAM_CLOSEUP }, { "closeup", TOK_CAMERA, CAM_CLOSEUP },
	{ "close up shot", TOK_CAMERA, CAM_CLOSEUP }, { "close up view", TOK_CAMERA, CAM_CLOSEUP },
	{ "extreme close up", TOK_CAMERA, CAM_CLOSEUP }, { "macro", TOK_CAMERA, CAM_CLOSEUP },
	{ "macro shot", TOK_CAMERA, CAM_CLOSEUP }, { "zoomed in", TOK_CAMERA, CAM_CLOSEUP },
	{ "wide shot", TOK_CAMERA, CAM_WIDE }, { "wide angle", TOK_CAMERA, CAM_WIDE },
	{ "wide view", TOK_CAMERA, CAM_WIDE }, { "wide angle shot", TOK_CAMERA, CAM_WIDE },
	{ "wide", TOK_CAMERA, CAM_WIDE }, { "panorama", TOK_CAMERA, CAM_WIDE },
	{ "panoramic", TOK_CAMERA, CAM_WIDE }, { "establishing shot", TOK_CAMERA, CAM_WIDE },
	{ "long shot", TOK_CAMERA, CAM_WIDE }, { "from afar", TOK_CAMERA, CAM_WIDE },
	{ "zoomed out", TOK_CAMERA, CAM_WIDE },
	{ "top down", TOK_CAMERA, CAM_TOPDOWN }, { "top down view", TOK_CAMERA, CAM_TOPDOWN },
	{ "top down shot", TOK_CAMERA, CAM_TOPDOWN }, { "from above", TOK_CAMERA, CAM_TOPDOWN },
	{ "overhead", TOK_CAMERA, CAM_TOPDOWN }, { "overhead view", TOK_CAMERA, CAM_TOPDOWN },
	{ "overhead shot", TOK_CAMERA, CAM_TOPDOWN }, { "birds eye view", TOK_CAMERA, CAM_TOPDOWN },
	{ "birds eye", TOK_CAMERA, CAM_TOPDOWN }, { "bird eye view", TOK_CAMERA, CAM_TOPDOWN },
	{ "aerial view", TOK_CAMERA, CAM_TOPDOWN }, { "aerial", TOK_CAMERA, CAM_TOPDOWN },
	{ "flat lay", TOK_CAMERA, CAM_TOPDOWN }, { "viewed from above", TOK_CAMERA, CAM_TOPDOWN },
	{ "isometric", TOK_CAMERA, CAM_ISOMETRIC }, { "isometric view", TOK_CAMERA, CAM_ISOMETRIC },
	{ "isometric shot", TOK_CAMERA, CAM_ISOMETRIC },
	{ "low angle", TOK_CAMERA, CAM_LOWANGLE }, { "low angle view", TOK_CAMERA, CAM_LOWANGLE },
	{ "low angle shot", TOK_CAMERA, CAM_LOWANGLE }, { "from below", TOK_CAMERA, CAM_LOWANGLE },
	{ "worms eye view", TOK_CAMERA, CAM_LOWANGLE }, { "worms eye", TOK_CAMERA, CAM_LOWANGLE },
	{ "looking up", TOK_CAMERA, CAM_LOWANGLE }, { "viewed from below", TOK_CAMERA, CAM_LOWANGLE },
	{ "front view", TOK_CAMERA, CAM_FRONT }, { "from the front", TOK_CAMERA, CAM_FRONT },
	{ "head on", TOK_CAMERA, CAM_FRONT }, { "eye level", TOK_CAMERA, CAM_FRONT },
	{ "straight on", TOK_CAMERA, CAM_FRONT },

	/* style removal */
	{ "no style", TOK_NOSTYLE, 0 }, { "without style", TOK_NOSTYLE, 0 },
	{ "without the style", TOK_NOSTYLE, 0 }, { "without a style", TOK_NOSTYLE, 0 },
	{ "remove the style", TOK_NOSTYLE, 0 }, { "remove style", TOK_NOSTYLE, 0 },
	{ "realistic", TOK_NOSTYLE, 0 }, { "photorealistic", TOK_NOSTYLE, 0 },
	{ "real life", TOK_NOSTYLE, 0 }, { "in real life", TOK_NOSTYLE, 0 },
	{ "plain style", TOK_NOSTYLE, 0 }, { "normal style", TOK_NOSTYLE, 0 },
	{ "default style", TOK_NOSTYLE, 0 },

	/* edit verbs */
	{ "add", TOK_ADD, 0 }, { "also add", TOK_ADD, 0 }, { "and add", TOK_ADD, 0 },
	{ "include", TOK_ADD, 0 }, { "insert", TOK_ADD, 0 }, { "put", TOK_ADD, 0 },
	{ "place", TOK_ADD, 0 }, { "throw in", TOK_ADD, 0 }, { "bring in", TOK_ADD, 0 },
	{ "now add", TOK_ADD, 0 }, { "also", TOK_STOP, 0 },
	{ "remove", TOK_REMOVE, 0 }, { "delete", TOK_REMOVE, 0 }, { "without", TOK_REMOVE, 0 },
	{ "get rid of", TOK_REMOVE, 0 }, { "take away", TOK_REMOVE, 0 },
	{ "take out", TOK_REMOVE, 0 }, { "erase", TOK_REMOVE, 0 }, { "drop", TOK_REMOVE, 0 },
	{ "no", TOK_REMOVE, 0 }, { "no more", TOK_REMOVE, 0 }, { "eliminate", TOK_REMOVE, 0 },
	{ "lose", TOK_REMOVE, 0 },
	{ "move", TOK_MOVE, 0 }, { "shift", TOK_MOVE, 0 }, { "slide", TOK_MOVE, 0 },
	{ "push", TOK_MOVE, 0 },
	{ "make", TOK_MAKE, 0 }, { "turn", TOK_MAKE, 0 }, { "paint", TOK_MAKE, 0 },
	{ "color", TOK_MAKE, 0 }, { "colour", TOK_MAKE, 0 }, { "change", TOK_MAKE, 0 },
	{ "set", TOK_MAKE, 0 }, { "now", TOK_MAKE, 0 }, { "instead", TOK_MAKE, 0 },
	{ "switch", TOK_MAKE, 0 }, { "into", TOK_MAKE, 0 }, { "to", TOK_MAKE, 0 },
	{ "recolor", TOK_MAKE, 0 }, { "recolour", TOK_MAKE, 0 }, { "transform", TOK_MAKE, 0 },
	{ "convert", TOK_MAKE, 0 }, { "again", TOK_MAKE, 0 }, { "let", TOK_MAKE, 0 },
	{ "bigger", TOK_BIGGER, 0 }, { "larger", TOK_BIGGER, 0 }, { "grow", TOK_BIGGER, 0 },
	{ "enlarge", TOK_BIGGER, 0 }, { "taller", TOK_BIGGER, 0 }, { "scale up", TOK_BIGGER, 0 },
	{ "increase the size", TOK_BIGGER, 0 }, { "more big", TOK_BIGGER, 0 },
	{ "smaller", TOK_SMALLER, 0 }, { "shrink", TOK_SMALLER, 0 }, { "tinier", TOK_SMALLER, 0 },
	{ "shorter", TOK_SMALLER, 0 }, { "scale down", TOK_SMALLER, 0 },
	{ "reduce the size", TOK_SMALLER, 0 }, { "less big", TOK_SMALLER, 0 },
	{ "more", TOK_MORE, 0 }, { "extra", TOK_MORE, 0 }, { "additional", TOK_MORE, 0 },

	{ "abstract", TOK_ABSTRACT, 0 }, { "composition", TOK_ABSTRACT, 0 },
	{ "empty", TOK_ABSTRACT, 1 }, { "empty scene", TOK_ABSTRACT, 1 },
	{ "nothing", TOK_ABSTRACT, 1 },

	/* filler: understood, carries nothing */
	{ "with", TOK_STOP, 0 }, { "is", TOK_STOP, 0 }, { "are", TOK_STOP, 0 },
	{ "was", TOK_STOP, 0 }, { "be", TOK_STOP, 0 }, { "being", TOK_STOP, 0 },
	{ "there", TOK_STOP, 0 }, { "here", TOK_STOP, 0 }, { "very", TOK_STOP, 0 },
	{ "really", TOK_STOP, 0 }, { "quite", TOK_STOP, 0 }, { "so", TOK_STOP, 0 },
	{ "too", TOK_STOP, 0 }, { "extremely", TOK_STOP, 0 }, { "super", TOK_STOP, 0 },
	{ "slightly", TOK_STOP, 0 }, { "bit", TOK_STOP, 0 }, { "picture", TOK_STOP, 0 },
	{ "image", TOK_STOP, 0 }, { "photo", TOK_STOP, 0 }, { "photograph", TOK_STOP, 0 },
	{ "render", TOK_STOP, 0 }, { "rendering", TOK_STOP, 0 },
	{ "illustration", TOK_STOP, 0 }, { "scene", TOK_STOP, 0 },
	{ "view", TOK_STOP, 0 }, { "shot", TOK_STOP, 0 }, { "art", TOK_STOP, 0 },
	{ "artwork", TOK_STOP, 0 }, { "style", TOK_STOP, 0 }, { "styled", TOK_STOP, 0 },
	{ "showing", TOK_STOP, 0 }, { "shows", TOK_STOP, 0 }, { "show", TOK_STOP, 0 },
	{ "featuring", TOK_STOP, 0 }, { "depicting", TOK_STOP, 0 }, { "having", TOK_STOP, 0 },
	{ "has", TOK_STOP, 0 }, { "have", TOK_STOP, 0 }, { "sitting", TOK_STOP, 0 },
	{ "standing", TOK_STOP, 0 },
	{ "placed", TOK_STOP, 0 }, { "resting", TOK_STOP, 0 }, { "hanging", TOK_STOP, 0 },
	{ "made", TOK_STOP, 0 }, { "out", TOK_STOP, 0 }, { "from", TOK_STOP, 0 },
	{ "for", TOK_STOP, 0 }, { "background", TOK_STOP, 0 }, { "backdrop", TOK_STOP, 0 },
	{ "light", TOK_STOP, 0 }, { "lighting", TOK_STOP, 0 }, { "lit", TOK_STOP, 0 },
	{ "each", TOK_STOP, 0 }, { "other", TOK_STOP, 0 }, { "together", TOK_STOP, 0 },
	{ "please", TOK_STOP, 0 }, { "draw", TOK_STOP, 0 }, { "create", TOK_STOP, 0 },
	{ "generate", TOK_STOP, 0 }, { "me", TOK_STOP, 0 }, { "give", TOK_STOP, 0 },
	{ "i", TOK_STOP, 0 }, { "want", TOK_STOP, 0 }, { "like", TOK_STOP, 0 },
	{ "would", TOK_STOP, 0 }, { "could", TOK_STOP, 0 }, { "can", TOK_STOP, 0 },
	{ "you", TOK_STOP, 0 }, { "beautiful", TOK_STOP, 0 }, { "nice", TOK_STOP, 0 },
	{ "cute", TOK_STOP, 0 }, { "pretty", TOK_STOP, 0 }, { "lovely", TOK_STOP, 0 },
	{ "odd looking", TOK_STOP, 0 }, { "strange looking", TOK_STOP, 0 },
	{ "funny looking", TOK_STOP, 0 }, { "weird looking", TOK_STOP, 0 },
	{ "nice looking", TOK_STOP, 0 }, { "cool looking", TOK_STOP, 0 },
	{ "fresh", TOK_STOP, 0 }, { "freshly", TOK_STOP, 0 }, { "handsome", TOK_STOP, 0 }, { "attractive", TOK_STOP, 0 }, { "good looking", TOK_STOP, 0 },
	{ "detailed", TOK_STOP, 0 }, { "high", TOK_STOP, 0 }, { "quality", TOK_STOP, 0 },
	{ "hd", TOK_STOP, 0 }, { "4k", TOK_STOP, 0 }, { "8k", TOK_STOP, 0 },
	{ "3d", TOK_STOP, 0 }, { "cgi", TOK_STOP, 0 }, { "just", TOK_STOP, 0 },
	{ "only", TOK_STOP, 0 }, { "then", TOK_STOP, 0 }, { "but", TOK_STOP, 0 },
	{ "or", TOK_STOP, 0 }, { "while", TOK_STOP, 0 }, { "up", TOK_STOP, 0 },
	{ "down", TOK_STOP, 0 }, { "their", TOK_STOP, 0 }, { "his", TOK_STOP, 0 },
	{ "her", TOK_STOP, 0 }, { "my", TOK_STOP, 0 }, { "our", TOK_STOP, 0 },
	{ "your", TOK_STOP, 0 }, { "at", TOK_STOP, 0 }, { "as", TOK_STOP, 0 },
	{ "same", TOK_STOP, 0 }, { "size", TOK_STOP, 0 }, { "sized", TOK_STOP, 0 },
	{ "shape", TOK_STOP, 0 }, { "shaped", TOK_STOP, 0 }, { "object", TOK_STOP, 0 },
	{ "objects", TOK_STOP, 0 }, { "thing", TOK_STOP, 0 }, { "things", TOK_STOP, 0 },
	{ "ground", TOK_STOP, 0 }, { "floor", TOK_STOP, 0 }, { "where", TOK_STOP, 0 },
	{ "which", TOK_STOP, 0 }, { "what", TOK_STOP, 0 }, { "not", TOK_STOP, 0 },
	{ "finish", TOK_STOP, 0 }, { "surface", TOK_STOP, 0 }, { "texture", TOK_STOP, 0 },
	{ "material", TOK_STOP, 0 }, { "version", TOK_STOP, 0 }, { "kind", TOK_STOP, 0 },
	{ "type", TOK_STOP, 0 }, { "side", TOK_STOP, 0 }, { "way", TOK_STOP, 0 },
	{ "lots", TOK_STOP, 0 }, { "lot", TOK_STOP, 0 }, { "one of", TOK_STOP, 0 },
	{ "let s", TOK_MAKE, 0 }, { "lets", TOK_MAKE, 0 }, { "how about", TOK_MAKE, 0 },
	{ "what about", TOK_MAKE, 0 }, { "try", TOK_MAKE, 0 },
	/*
	 * How people frame a picture: a portrait or a close-up brings the subject
	 * near, a landscape or a full-body shot steps back, a view from the side
	 * is the front view of a turned subject.
	 */
	{ "portrait", TOK_CAMERA, CAM_CLOSEUP }, { "portrait of", TOK_CAMERA, CAM_CLOSEUP },
	{ "a portrait of", TOK_CAMERA, CAM_CLOSEUP }, { "portraits", TOK_CAMERA, CAM_CLOSEUP },
	{ "headshot", TOK_CAMERA, CAM_CLOSEUP }, { "close up of", TOK_CAMERA, CAM_CLOSEUP },
	{ "a close up of", TOK_CAMERA, CAM_CLOSEUP }, { "closeup of", TOK_CAMERA, CAM_CLOSEUP },
	{ "up close", TOK_CAMERA, CAM_CLOSEUP }, { "detail shot", TOK_CAMERA, CAM_CLOSEUP },
	{ "landscape", TOK_CAMERA, CAM_WIDE }, { "a landscape of", TOK_CAMERA, CAM_WIDE },
	{ "landscape photo", TOK_CAMERA, CAM_WIDE }, { "full body", TOK_CAMERA, CAM_WIDE },
	{ "full length", TOK_CAMERA, CAM_WIDE }, { "in the distance", TOK_CAMERA, CAM_WIDE },
	{ "far away", TOK_CAMERA, CAM_WIDE }, { "vista", TOK_CAMERA, CAM_WIDE },
	{ "top view", TOK_CAMERA, CAM_TOPDOWN }, { "seen from above", TOK_CAMERA, CAM_TOPDOWN },
	{ "drone shot", TOK_CAMERA, CAM_TOPDOWN }, { "drone view", TOK_CAMERA, CAM_TOPDOWN },
	{ "side view", TOK_CAMERA, CAM_FRONT }, { "profile view", TOK_CAMERA, CAM_FRONT },
	{ "from the side", TOK_CAMERA, CAM_FRONT }, { "frontal", TOK_CAMERA, CAM_FRONT },
	{ "low angle photo", TOK_CAMERA, CAM_LOWANGLE },
	/* Light people ask for by the look it gives. */
	{ "cinematic", TOK_LIGHT, LIGHT_DRAMATIC }, { "cinematic lighting", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "cinematic light", TOK_LIGHT, LIGHT_DRAMATIC }, { "volumetric lighting", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "volumetric light", TOK_LIGHT, LIGHT_DRAMATIC }, { "volumetric", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "cinematography", TOK_LIGHT, LIGHT_DRAMATIC }, { "crepuscular rays", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "sun rays", TOK_LIGHT, LIGHT_DRAMATIC }, { "sunrays", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "light rays", TOK_LIGHT, LIGHT_DRAMATIC }, { "rays of light", TOK_LIGHT, LIGHT_DRAMATIC }, { "god rays", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "dark", TOK_LIGHT, LIGHT_DRAMATIC }, { "dimly lit", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "dim", TOK_LIGHT, LIGHT_DRAMATIC }, { "gloomy", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "low key", TOK_LIGHT, LIGHT_DRAMATIC }, { "studio lighting", TOK_LIGHT, LIGHT_SOFT },
	{ "studio light", TOK_LIGHT, LIGHT_SOFT }, { "natural light", TOK_LIGHT, LIGHT_SOFT },
	{ "natural lighting", TOK_LIGHT, LIGHT_SOFT }, { "ambient light", TOK_LIGHT, LIGHT_SOFT },
	{ "overcast", TOK_LIGHT, LIGHT_SOFT }, { "cloudy", TOK_LIGHT, LIGHT_SOFT },
	{ "gray day", TOK_LIGHT, LIGHT_SOFT }, { "grey day", TOK_LIGHT, LIGHT_SOFT },
	{ "warm", TOK_LIGHT, LIGHT_GOLDEN }, { "sunlit", TOK_LIGHT, LIGHT_GOLDEN },
	{ "sunlight", TOK_LIGHT, LIGHT_GOLDEN }, { "sun lit", TOK_LIGHT, LIGHT_GOLDEN },
	{ "glowing lights", TOK_LIGHT, LIGHT_NEON }, { "neon signs", TOK_LIGHT, LIGHT_NEON },
	/* Sizes said as a shape: tall things are big, short ones small. */
	{ "tall", TOK_SIZE, SIZE_LARGE }, { "towering", TOK_SIZE, SIZE_HUGE },
	{ "short", TOK_SIZE, SIZE_SMALL }, { "oversized", TOK_SIZE, SIZE_HUGE },
	{ "larger", TOK_SIZE, SIZE_LARGE }, { "smaller", TOK_SIZE, SIZE_SMALL },
	/* More ways to say how many. */
	{ "a variety of", TOK_COUNT, 5 }, { "variety of", TOK_COUNT, 5 },
	{ "an assortment of", TOK_COUNT, 5 }, { "assortment of", TOK_COUNT, 5 },
	{ "various", TOK_COUNT, 4 }, { "assorted", TOK_COUNT, 4 }, { "multiple", TOK_COUNT, 3 },
	{ "a crowd of", TOK_COUNT, 8 }, { "crowd of", TOK_COUNT, 8 }, { "a herd of", TOK_COUNT, 6 },
	{ "herd of", TOK_COUNT, 6 }, { "a flock of", TOK_COUNT, 6 }, { "flock of", TOK_COUNT, 6 },
	{ "a team of", TOK_COUNT, 5 }, { "a family of", TOK_COUNT, 4 }, { "a line of", TOK_COUNT, 5 },
	{ "line of", TOK_COUNT, 5 }, { "a fleet of", TOK_COUNT, 5 }, { "a set of", TOK_COUNT, 4 },
	{ "a collection of", TOK_COUNT, 5 }, { "collection of", TOK_COUNT, 5 },
	{ "a number of", TOK_COUNT, 4 },
	{ "half a dozen", TOK_COUNT, 6 },
	/*
	 * Things said to be on, in or covering another: "a plate topped with
	 * pizza" is the pizza on the plate.
	 */
	{ "topped with", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "covered with", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "covered in", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "filled with", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "full of", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "loaded with", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "piled with", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "stacked with", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "decorated with", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "with a lot of", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "perched on", TOK_RELATION, REL_ON }, { "perched atop", TOK_RELATION, REL_ON },
	{ "seated on", TOK_RELATION, REL_ON }, { "sits on", TOK_RELATION, REL_ON },
	{ "sit on", TOK_RELATION, REL_ON }, { "stands on", TOK_RELATION, REL_ON },
	{ "parked on", TOK_RELATION, REL_ON }, { "placed on", TOK_RELATION, REL_ON },
	{ "displayed on", TOK_RELATION, REL_ON }, { "set on", TOK_RELATION, REL_ON },
	{ "sitting atop", TOK_RELATION, REL_ON }, { "on top", TOK_RELATION, REL_ON },
	{ "standing on top of", TOK_RELATION, REL_ON }, { "sitting on top of", TOK_RELATION, REL_ON },
	{ "lying on top of", TOK_RELATION, REL_ON }, { "laying on top of", TOK_RELATION, REL_ON },
	{ "resting on top of", TOK_RELATION, REL_ON }, { "on the top of", TOK_RELATION, REL_ON },
	{ "at the top of", TOK_RELATION, REL_ON }, { "floating on top of", TOK_RELATION, REL_ON },
	{ "sits on top of", TOK_RELATION, REL_ON }, { "stands on top of", TOK_RELATION, REL_ON },
	{ "on top of it", TOK_STOP, 0 }, { "area", TOK_STOP, 0 }, { "3 d", TOK_STOP, 0 },
	{ "across", TOK_RELATION, REL_ON }, { "across from", TOK_RELATION, REL_RIGHT_OF },
	{ "outside", TOK_RELATION, REL_IN_FRONT_OF }, { "outside of", TOK_RELATION, REL_IN_FRONT_OF },
	{ "in front", TOK_RELATION, REL_IN_FRONT_OF }, { "facing", TOK_RELATION, REL_IN_FRONT_OF },
	{ "along", TOK_RELATION, REL_NEXT_TO }, { "past", TOK_RELATION, REL_NEXT_TO },
	{ "towards", TOK_RELATION, REL_NEXT_TO }, { "toward", TOK_RELATION, REL_NEXT_TO },
	{ "next", TOK_RELATION, REL_NEXT_TO }, { "side by side", TOK_STOP, 0 },
	{ "beneath the", TOK_RELATION, REL_BELOW }, { "inside", TOK_POST, 0 },
	{ "inside of", TOK_POST, 0 }, { "within", TOK_POST, 0 }, { "through", TOK_POST, 0 },
	{ "throughout", TOK_POST, 0 }, { "amid", TOK_RELATION, REL_BETWEEN },
	{ "in the middle of", TOK_RELATION, REL_BETWEEN },
	/* A picture of something, said the long way; what it shows is what follows. */
	{ "a picture of", TOK_STOP, 0 }, { "an image of", TOK_STOP, 0 },
	{ "a photo of", TOK_STOP, 0 }, { "photos", TOK_STOP, 0 }, { "pictures", TOK_STOP, 0 },
	{ "images", TOK_STOP, 0 }, { "pictured", TOK_STOP, 0 }, { "shown", TOK_STOP, 0 },
	{ "captured", TOK_STOP, 0 }, { "taken", TOK_STOP, 0 }, { "photographed", TOK_STOP, 0 },
	{ "close", TOK_STOP, 0 }, { "visible", TOK_STOP, 0 }, { "seen", TOK_STOP, 0 },
	/*
	 * Quality and medium words: what the engine's output already is (a
	 * detailed, sharp, lit 3D render), so they are understood and change
	 * nothing. Artists' names are not among them: no style of theirs is drawn.
	 */
	{ "highly", TOK_STOP, 0 }, { "highly detailed", TOK_STOP, 0 }, { "intricate", TOK_STOP, 0 },
	{ "shaded", TOK_STOP, 0 }, { "shading", TOK_STOP, 0 }, { "stylized", TOK_STOP, 0 },
	{ "stylised", TOK_STOP, 0 }, { "shadows", TOK_STOP, 0 }, { "shadow effects", TOK_STOP, 0 },
	{ "light and shadow", TOK_STOP, 0 }, { "lights and shadows", TOK_STOP, 0 },
	{ "light and shadows", TOK_STOP, 0 }, { "see", TOK_STOP, 0 }, { "can see", TOK_STOP, 0 },
	{ "intricately", TOK_STOP, 0 }, { "intricate details", TOK_STOP, 0 },
	{ "sharp", TOK_STOP, 0 }, { "sharp focus", TOK_STOP, 0 }, { "in focus", TOK_STOP, 0 },
	{ "focus", TOK_STOP, 0 }, { "focused", TOK_STOP, 0 }, { "crisp", TOK_STOP, 0 },
	{ "trending", TOK_STOP, 0 }, { "trending on artstation", TOK_STOP, 0 },
	{ "on artstation", TOK_STOP, 0 }, { "artstation", TOK_STOP, 0 }, { "cgsociety", TOK_STOP, 0 },
	{ "deviantart", TOK_STOP, 0 }, { "behance", TOK_STOP, 0 }, { "pixiv", TOK_STOP, 0 },
	{ "masterpiece", TOK_STOP, 0 }, { "award winning", TOK_STOP, 0 }, { "winning", TOK_STOP, 0 },
	{ "professional", TOK_STOP, 0 }, { "professionally", TOK_STOP, 0 }, { "stunning", TOK_STOP, 0 },
	{ "gorgeous", TOK_STOP, 0 }, { "amazing", TOK_STOP, 0 }, { "awesome", TOK_STOP, 0 },
	{ "incredible", TOK_STOP, 0 }, { "perfect", TOK_STOP, 0 }, { "exquisite", TOK_STOP, 0 },
	{ "hyper", TOK_STOP, 0 }, { "hyper detailed", TOK_STOP, 0 }, { "hyperdetailed", TOK_STOP, 0 },
	{ "ultra", TOK_STOP, 0 }, { "ultra detailed", TOK_STOP, 0 }, { "insanely detailed", TOK_STOP, 0 },
	{ "insanely", TOK_STOP, 0 }, { "extremely detailed", TOK_STOP, 0 }, { "fine", TOK_STOP, 0 },
	{ "fine details", TOK_STOP, 0 }, { "details", TOK_STOP, 0 }, { "detail", TOK_STOP, 0 },
	{ "octane", TOK_STOP, 0 }, { "octane render", TOK_STOP, 0 }, { "unreal engine", TOK_STOP, 0 },
	{ "unreal", TOK_STOP, 0 }, { "unreal engine 5", TOK_STOP, 0 }, { "vray", TOK_STOP, 0 },
	{ "redshift", TOK_STOP, 0 }, { "blender", TOK_STOP, 0 }, { "cinema4d", TOK_STOP, 0 },
	{ "c4d", TOK_STOP, 0 }, { "rtx", TOK_STOP, 0 }, { "ray tracing", TOK_STOP, 0 },
	{ "raytracing", TOK_STOP, 0 }, { "ray traced", TOK_STOP, 0 }, { "path tracing", TOK_STOP, 0 },
	{ "3d render", TOK_STOP, 0 }, { "cg", TOK_STOP, 0 }, { "hdr", TOK_STOP, 0 },
	{ "uhd", TOK_STOP, 0 }, { "4 k", TOK_STOP, 0 }, { "8 k", TOK_STOP, 0 }, { "16k", TOK_STOP, 0 },
	{ "high resolution", TOK_STOP, 0 }, { "resolution", TOK_STOP, 0 },
	{ "high definition", TOK_STOP, 0 }, { "definition", TOK_STOP, 0 }, { "smooth", TOK_STOP, 0 },
	{ "coherent", TOK_STOP, 0 }, { "symmetry", TOK_STOP, 0 }, { "symmetrical", TOK_STOP, 0 },
	{ "symmetric", TOK_STOP, 0 }, { "centered", TOK_STOP, 0 }, { "centred", TOK_STOP, 0 },
	{ "digital", TOK_STOP, 0 }, { "digital art", TOK_STOP, 0 }, { "concept art", TOK_STOP, 0 },
	{ "concept", TOK_STOP, 0 }, { "wallpaper", TOK_STOP, 0 }, { "dslr", TOK_STOP, 0 },
	{ "35mm", TOK_STOP, 0 }, { "50mm", TOK_STOP, 0 }, { "85mm", TOK_STOP, 0 }, { "mm", TOK_STOP, 0 },
	{ "photography", TOK_NOSTYLE, 0 }, { "photographic", TOK_NOSTYLE, 0 },
	{ "photorealism", TOK_NOSTYLE, 0 }, { "hyperrealistic", TOK_NOSTYLE, 0 },
	{ "hyperrealism", TOK_NOSTYLE, 0 }, { "hyper realistic", TOK_NOSTYLE, 0 },
	{ "ultra realistic", TOK_NOSTYLE, 0 }, { "realism", TOK_NOSTYLE, 0 },
	{ "lifelike", TOK_NOSTYLE, 0 }, { "photo realistic", TOK_NOSTYLE, 0 },
	{ "best quality", TOK_STOP, 0 }, { "aesthetic", TOK_STOP, 0 },
	{ "annie leibovitz", TOK_NOSTYLE, 0 }, { "steve mccurry", TOK_NOSTYLE, 0 },
	/* A future seen in neon: the look "futuristic" and "sci-fi" ask for. */
	{ "futuristic", TOK_LIGHT, LIGHT_NEON }, { "sci fi", TOK_LIGHT, LIGHT_NEON },
	{ "scifi", TOK_LIGHT, LIGHT_NEON }, { "science fiction", TOK_LIGHT, LIGHT_NEON },
	{ "atmospheric", TOK_STOP, 0 }, { "dynamic", TOK_STOP, 0 },
	/* Grammar that carries no picture. */
	{ "he", TOK_STOP, 0 }, { "she", TOK_STOP, 0 }, { "him", TOK_STOP, 0 }, { "who", TOK_STOP, 0 },
	{ "whose", TOK_STOP, 0 }, { "s", TOK_STOP, 0 }, { "we", TOK_STOP, 0 }, { "us", TOK_STOP, 0 },
	{ "does", TOK_STOP, 0 },
	{ "do", TOK_STOP, 0 }, { "did", TOK_STOP, 0 }, { "been", TOK_STOP, 0 }, { "were", TOK_STOP, 0 },
	{ "will", TOK_STOP, 0 }, { "should", TOK_STOP, 0 }, { "seems", TOK_STOP, 0 },
	{ "appears", TOK_STOP, 0 }, { "appear", TOK_STOP, 0 }, { "if", TOK_STOP, 0 },
	{ "when", TOK_STOP, 0 }, { "after", TOK_STOP, 0 }, { "during", TOK_STOP, 0 },
	{ "about", TOK_STOP, 0 }, { "almost", TOK_STOP, 0 }, { "well", TOK_STOP, 0 },
	{ "off", TOK_STOP, 0 }, { "away", TOK_STOP, 0 }, { "different", TOK_STOP, 0 },
	{ "others", TOK_STOP, 0 }, { "items", TOK_STOP, 0 }, { "item", TOK_STOP, 0 },
	{ "stuff", TOK_STOP, 0 }, { "full", TOK_STOP, 0 }, { "this is", TOK_STOP, 0 },
	{ "what looks like", TOK_STOP, 0 }, { "looks like", TOK_STOP, 0 }, { "kind of", TOK_STOP, 0 },
	{ "sort of", TOK_STOP, 0 }, { "some sort of", TOK_STOP, 0 }, { "type of", TOK_STOP, 0 },
	{ "each other", TOK_STOP, 0 }, { "one another", TOK_STOP, 0 },
	{ "in the background", TOK_STOP, 0 }, { "in the foreground", TOK_STOP, 0 },
	{ "foreground", TOK_STOP, 0 },
	/*
	 * Poses whose picture is what the engine draws anyway: a thing that
	 * waits, poses, is parked or is displayed stands where it is.
	 */
	{ "parked", TOK_STOP, 0 }, { "posing", TOK_STOP, 0 }, { "poses", TOK_STOP, 0 },
	{ "posed", TOK_STOP, 0 }, { "waiting", TOK_STOP, 0 }, { "waits", TOK_STOP, 0 },
	{ "stopped", TOK_STOP, 0 }, { "stands", TOK_STOP, 0 }, { "sits", TOK_STOP, 0 },
	{ "seated", TOK_STOP, 0 }, { "displayed", TOK_STOP, 0 },
	{ "on display", TOK_STOP, 0 }, { "for sale", TOK_STOP, 0 }, { "lined up", TOK_TRAIT, TRAIT_ROW },
	{ "in a row", TOK_TRAIT, TRAIT_ROW }, { "in a line", TOK_TRAIT, TRAIT_ROW },
	{ "in a single row", TOK_TRAIT, TRAIT_ROW }, { "in one row", TOK_TRAIT, TRAIT_ROW },
	{ "arranged", TOK_STOP, 0 }, { "situated", TOK_STOP, 0 }, { "located", TOK_STOP, 0 },
	{ "sitting down", TOK_STOP, 0 }, { "standing up", TOK_STOP, 0 }, { "stationed", TOK_STOP, 0 },
	{ "stand", TOK_STOP, 0 }, { "sit", TOK_STOP, 0 }, { "kept", TOK_STOP, 0 },
	{ "there are", TOK_STOP, 0 }, { "there is", TOK_STOP, 0 },
	{ "smoking", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "texting", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "typing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "typing on", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "writing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "writes", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "talking on", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "talks on", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "on the phone", TOK_STOP, 0 },
	/* Verbs that only carry the sentence along ("a train going down the tracks"). */
	{ "going", TOK_STOP, 0 }, { "getting", TOK_STOP, 0 }, { "trying", TOK_STOP, 0 },
	{ "ready", TOK_STOP, 0 }, { "about to", TOK_STOP, 0 }, { "doing", TOK_STOP, 0 },
	{ "gets", TOK_STOP, 0 }, { "goes", TOK_STOP, 0 }, { "is being", TOK_STOP, 0 },
	/* The engine draws emoji artwork: "an emoji of a panda" is what it draws anyway. */
	{ "emoji", TOK_STOP, 0 }, { "an emoji of", TOK_STOP, 0 }, { "emojis", TOK_STOP, 0 },
	/* Places in a stack said after "on" already put them there. */
	{ "on the top", TOK_STOP, 0 }, { "on the bottom", TOK_STOP, 0 },
	{ "at the bottom", TOK_STOP, 0 }, { "at the top", TOK_STOP, 0 },
	{ "fisheye", TOK_CAMERA, CAM_WIDE }, { "fisheye lens", TOK_CAMERA, CAM_WIDE },
	{ "fish eye", TOK_CAMERA, CAM_WIDE }, { "lens", TOK_STOP, 0 },
	{ "swinging", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "swings", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "wielding", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "waving", TOK_RELATION, REL_HOLDING | REL_AGENT },
	/* A horse pulling a cart walks in front of it. */
	{ "pulling", TOK_RELATION, REL_IN_FRONT_OF | REL_AGENT },
	{ "pulls", TOK_RELATION, REL_IN_FRONT_OF | REL_AGENT },
	{ "towing", TOK_RELATION, REL_IN_FRONT_OF | REL_AGENT },
	{ "leading", TOK_RELATION, REL_IN_FRONT_OF | REL_AGENT },
	{ "ski slope", TOK_SETTING, SET_SNOW }, { "ski slopes", TOK_SETTING, SET_SNOW },
	{ "the slopes", TOK_SETTING, SET_SNOW }, { "snowy slope", TOK_SETTING, SET_SNOW },
	{ "snow slope", TOK_SETTING, SET_SNOW }, { "ski hill", TOK_SETTING, SET_SNOW },
	{ "traffic", TOK_SETTING, SET_STREET }, { "in traffic", TOK_SETTING, SET_STREET },
	{ "street corner", TOK_SETTING, SET_STREET }, { "grass covered", TOK_SETTING, SET_FIELD },
	{ "corner", TOK_STOP, 0 }, { "commercial", TOK_STOP, 0 },
	/* Off the ground: a jump lifts a thing a little, flight into the sky. */
	{ "jumping", TOK_POSE, POSE_JUMP }, { "jumps", TOK_POSE, POSE_JUMP },
	{ "leaping", TOK_POSE, POSE_JUMP }, { "leaps", TOK_POSE, POSE_JUMP },
	{ "in mid air", TOK_POSE, POSE_JUMP }, { "mid air", TOK_POSE, POSE_JUMP },
	{ "midair", TOK_POSE, POSE_JUMP }, { "jumping up", TOK_POSE, POSE_JUMP },
	{ "flying", TOK_POSE, POSE_FLY }, { "flies", TOK_POSE, POSE_FLY },
	{ "soaring", TOK_POSE, POSE_FLY }, { "soars", TOK_POSE, POSE_FLY },
	{ "gliding", TOK_POSE, POSE_FLY }, { "floating", TOK_POSE, POSE_FLY },
	{ "hovering", TOK_POSE, POSE_FLY }, { "levitating", TOK_POSE, POSE_FLY },
	{ "airborne", TOK_POSE, POSE_FLY }, { "flying through the air", TOK_POSE, POSE_FLY },
	{ "jumping over", TOK_RELATION, REL_ABOVE }, { "leaping over", TOK_RELATION, REL_ABOVE },
	{ "jumps over", TOK_RELATION, REL_ABOVE },
	/* What flies over something is up in the sky above it: flight says it all. */
	{ "flying over", TOK_POSE, POSE_FLY }, { "flying above", TOK_POSE, POSE_FLY },
	{ "flies over", TOK_POSE, POSE_FLY }, { "soaring over", TOK_POSE, POSE_FLY },
	/* A still life is things arranged on a table. */
	{ "still life", TOK_SETTING, SET_TABLETOP }, { "a still life of", TOK_SETTING, SET_TABLETOP },
	{ "still", TOK_STOP, 0 },
	{ "on display", TOK_STOP, 0 }, { "leaning against", TOK_RELATION, REL_NEXT_TO },
	{ "against", TOK_RELATION, REL_NEXT_TO }, { "leaning on", TOK_RELATION, REL_NEXT_TO },
	{ "dressed in", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "dressed up in", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "clad in", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "snow covered", TOK_SETTING, SET_SNOW }, { "covered in snow", TOK_SETTING, SET_SNOW },
	{ "covered with snow", TOK_SETTING, SET_SNOW }, { "skies", TOK_SETTING, SET_SKY },
	{ "blue skies", TOK_SETTING, SET_SKY }, { "clear sky", TOK_SETTING, SET_SKY },
	{ "clear blue sky", TOK_SETTING, SET_SKY }, { "clear glass", TOK_MATERIAL, MAT_GLASS },

	/*
	 * Everyday actions: a thing in the hand (thrown, hit, used, served), a
	 * thing beside the one who tends it, looks at it or talks to it, a thing
	 * pushed in front. Places said by a part ("on the hood of a car") are the
	 * thing itself. Places people name draw as the setting they are: a curb or a
	 * runway is paved ground, a lobby a room, a zoo's enclosure grass, a pier the
	 * shore, a ski slope snow. A day is what every picture is unless night or
	 * sunset is said. Skateboard and ski tricks are jumps.
	 */
	{ "throwing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "throws", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "tossing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "tosses", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "catching", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "catches", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "hitting", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "hits", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "using", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "uses", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "taking", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "takes", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "serving", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "serves", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "pouring", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "pours", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "lifting", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "lifts", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "raising", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "raises", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "offering", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "offers", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "handing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "flipping", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "balancing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "kicking", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "kicks", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "brandishing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "toting", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "cradling", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "cradles", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "hugging", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "hugs", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "opening", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "opens", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "unwrapping", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "peeling", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "peels", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "holds up", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "lifting up", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "picking up", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "picks up", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "showing off", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "shows off", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "handing out", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "cutting", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "cuts", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "slicing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "slices", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "petting", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "stroking", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "kissing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "kisses", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "sniffing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "sniffs", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "smelling", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "licking", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "licks", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "touching", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "touches", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "feeding", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "feeds", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "greeting", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "greets", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "approaching", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "approaches", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "observing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "admiring", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "inspecting", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "examining", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "guarding", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "herding", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "herds", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "helping", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "cleaning", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "washing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "brushing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "fixing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "repairing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "preparing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "decorating", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "fighting", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "wrestling", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "staring", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "gazing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "peering", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "peeking", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "talking to", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "talking with", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "speaking to", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "speaking with", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "chatting with", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "fighting with", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "staring at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "stares at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "gazing at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "gazes at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "peering at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "peeking at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "peeking out of", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking out at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking into", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking for", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking out of", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking out", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking over", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking toward", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looking towards", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looks into", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "looks out", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "waiting for", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "working on", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "cutting into", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "reaching for", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "reaches for", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "sniffing at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "pointing at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "points at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "pushing", TOK_RELATION, REL_BEHIND | REL_AGENT },
	{ "pushes", TOK_RELATION, REL_BEHIND | REL_AGENT }, { "curb", TOK_SETTING, SET_STREET },
	{ "curbside", TOK_SETTING, SET_STREET }, { "kerb", TOK_SETTING, SET_STREET },
	{ "at the curb", TOK_SETTING, SET_STREET }, { "on the curb", TOK_SETTING, SET_STREET },
	{ "runway", TOK_SETTING, SET_STREET }, { "tarmac", TOK_SETTING, SET_STREET },
	{ "airport", TOK_SETTING, SET_STREET }, { "at the airport", TOK_SETTING, SET_STREET },
	{ "airfield", TOK_SETTING, SET_STREET }, { "district", TOK_SETTING, SET_STREET },
	{ "neighborhood", TOK_SETTING, SET_STREET }, { "neighbourhood", TOK_SETTING, SET_STREET },
	{ "plaza", TOK_SETTING, SET_STREET }, { "downtown area", TOK_SETTING, SET_STREET },
	{ "parking area", TOK_SETTING, SET_STREET }, { "parking space", TOK_SETTING, SET_STREET },
	{ "parking spot", TOK_SETTING, SET_STREET }, { "at a bus stop", TOK_SETTING, SET_STREET },
	{ "train station", TOK_SETTING, SET_STREET },
	{ "at the station", TOK_SETTING, SET_STREET },
	{ "at a train station", TOK_SETTING, SET_STREET }, { "platform", TOK_SETTING, SET_STREET },
	{ "train platform", TOK_SETTING, SET_STREET },
	{ "railway station", TOK_SETTING, SET_STREET }, { "boulevard", TOK_SETTING, SET_STREET },
	{ "alley", TOK_SETTING, SET_STREET }, { "alleyway", TOK_SETTING, SET_STREET },
	{ "freeway", TOK_SETTING, SET_STREET }, { "city block", TOK_SETTING, SET_STREET },
	{ "lobby", TOK_SETTING, SET_ROOM }, { "hallway", TOK_SETTING, SET_ROOM },
	{ "hall", TOK_SETTING, SET_ROOM }, { "aisle", TOK_SETTING, SET_ROOM },
	{ "apartment", TOK_SETTING, SET_ROOM }, { "cubicle", TOK_SETTING, SET_ROOM },
	{ "garage", TOK_SETTING, SET_ROOM }, { "den", TOK_SETTING, SET_ROOM },
	{ "attic", TOK_SETTING, SET_ROOM }, { "basement", TOK_SETTING, SET_ROOM },
	{ "at home", TOK_SETTING, SET_ROOM }, { "inside a house", TOK_SETTING, SET_ROOM },
	{ "in a house", TOK_SETTING, SET_ROOM }, { "cafeteria", TOK_SETTING, SET_ROOM },
	{ "diner", TOK_SETTING, SET_ROOM }, { "pub", TOK_SETTING, SET_ROOM },
	{ "hotel lobby", TOK_SETTING, SET_ROOM }, { "waiting room", TOK_SETTING, SET_ROOM },
	{ "living area", TOK_SETTING, SET_ROOM }, { "dining area", TOK_SETTING, SET_ROOM },
	{ "studio apartment", TOK_SETTING, SET_ROOM }, { "workshop", TOK_SETTING, SET_ROOM },
	{ "laboratory", TOK_SETTING, SET_ROOM }, { "lab", TOK_SETTING, SET_ROOM },
	{ "zoo", TOK_SETTING, SET_FIELD }, { "at the zoo", TOK_SETTING, SET_FIELD },
	{ "outdoor", TOK_SETTING, SET_FIELD }, { "outdoors", TOK_SETTING, SET_FIELD },
	{ "out doors", TOK_SETTING, SET_FIELD }, { "in the open air", TOK_SETTING, SET_FIELD },
	{ "open air", TOK_SETTING, SET_FIELD }, { "in captivity", TOK_SETTING, SET_FIELD },
	{ "seascape", TOK_SETTING, SET_BEACH }, { "hangar", TOK_SETTING, SET_ROOM },
	{ "in the hangar", TOK_SETTING, SET_ROOM }, { "atelier", TOK_SETTING, SET_ROOM },
	{ "art studio", TOK_SETTING, SET_ROOM }, { "stage", TOK_SETTING, SET_ROOM },
	{ "on a stage", TOK_SETTING, SET_ROOM }, { "on stage", TOK_SETTING, SET_ROOM },
	{ "on the stage", TOK_SETTING, SET_ROOM }, { "warehouse", TOK_SETTING, SET_ROOM },
	{ "enclosure", TOK_SETTING, SET_FIELD }, { "corral", TOK_SETTING, SET_FIELD },
	{ "paddock", TOK_SETTING, SET_FIELD }, { "outfield", TOK_SETTING, SET_FIELD },
	{ "infield", TOK_SETTING, SET_FIELD }, { "rodeo", TOK_SETTING, SET_FIELD },
	{ "farmland", TOK_SETTING, SET_FIELD }, { "hillside", TOK_SETTING, SET_FIELD },
	{ "orchard", TOK_SETTING, SET_FIELD }, { "vineyard", TOK_SETTING, SET_FIELD },
	{ "golf course", TOK_SETTING, SET_FIELD }, { "campsite", TOK_SETTING, SET_FIELD },
	{ "baseball game", TOK_SETTING, SET_FIELD }, { "a baseball game", TOK_SETTING, SET_FIELD },
	{ "tennis game", TOK_SETTING, SET_FIELD }, { "soccer game", TOK_SETTING, SET_FIELD },
	{ "football game", TOK_SETTING, SET_FIELD }, { "game of tennis", TOK_SETTING, SET_FIELD },
	{ "game of baseball", TOK_SETTING, SET_FIELD },
	{ "game of soccer", TOK_SETTING, SET_FIELD },
	{ "game of frisbee", TOK_SETTING, SET_FIELD }, { "frisbee game", TOK_SETTING, SET_FIELD },
	{ "tennis match", TOK_SETTING, SET_FIELD }, { "soccer match", TOK_SETTING, SET_FIELD },
	{ "baseball park", TOK_SETTING, SET_FIELD }, { "green field", TOK_SETTING, SET_FIELD },
	{ "open field", TOK_SETTING, SET_FIELD }, { "open area", TOK_SETTING, SET_FIELD },
	{ "grassy area", TOK_SETTING, SET_FIELD }, { "grassy hill", TOK_SETTING, SET_FIELD },
	{ "grassy slope", TOK_SETTING, SET_FIELD }, { "pasture land", TOK_SETTING, SET_FIELD },
	{ "savannah", TOK_SETTING, SET_FIELD }, { "dock", TOK_SETTING, SET_BEACH },
	{ "docks", TOK_SETTING, SET_BEACH }, { "harbor", TOK_SETTING, SET_BEACH },
	{ "harbour", TOK_SETTING, SET_BEACH }, { "pier", TOK_SETTING, SET_BEACH },
	{ "marina", TOK_SETTING, SET_BEACH }, { "port", TOK_SETTING, SET_BEACH },
	{ "canal", TOK_SETTING, SET_BEACH }, { "shoreline", TOK_SETTING, SET_BEACH },
	{ "waterfront", TOK_SETTING, SET_BEACH }, { "bay", TOK_SETTING, SET_BEACH },
	{ "lakeside", TOK_SETTING, SET_BEACH }, { "lakeshore", TOK_SETTING, SET_BEACH },
	{ "riverbank", TOK_SETTING, SET_BEACH }, { "river bank", TOK_SETTING, SET_BEACH },
	{ "beachfront", TOK_SETTING, SET_BEACH }, { "in the surf", TOK_SETTING, SET_BEACH },
	{ "the waves", TOK_SETTING, SET_BEACH }, { "ocean waves", TOK_SETTING, SET_BEACH },
	{ "on the water", TOK_SETTING, SET_BEACH }, { "in the water", TOK_SETTING, SET_BEACH },
	{ "slope", TOK_SETTING, SET_SNOW }, { "slopes", TOK_SETTING, SET_SNOW },
	{ "ski resort", TOK_SETTING, SET_SNOW }, { "mountain slope", TOK_SETTING, SET_SNOW },
	{ "snowy hill", TOK_SETTING, SET_SNOW }, { "snow covered slope", TOK_SETTING, SET_SNOW },
	{ "snow covered hill", TOK_SETTING, SET_SNOW },
	{ "snowy mountain", TOK_SETTING, SET_SNOW }, { "wooded", TOK_SETTING, SET_FOREST },
	{ "wooded area", TOK_SETTING, SET_FOREST }, { "forested", TOK_SETTING, SET_FOREST },
	{ "forest path", TOK_SETTING, SET_FOREST }, { "trail", TOK_SETTING, SET_FOREST },
	{ "hiking trail", TOK_SETTING, SET_FOREST }, { "treeline", TOK_SETTING, SET_FOREST },
	{ "skyline", TOK_SETTING, SET_CITY_NIGHT },
	{ "city skyline", TOK_SETTING, SET_CITY_NIGHT },
	{ "skyscrapers", TOK_SETTING, SET_CITY_NIGHT }, { "doing a trick", TOK_POSE, POSE_JUMP },
	{ "does a trick", TOK_POSE, POSE_JUMP }, { "doing tricks", TOK_POSE, POSE_JUMP },
	{ "does tricks", TOK_POSE, POSE_JUMP }, { "performing a trick", TOK_POSE, POSE_JUMP },
	{ "performs a trick", TOK_POSE, POSE_JUMP }, { "doing a stunt", TOK_POSE, POSE_JUMP },
	{ "does a stunt", TOK_POSE, POSE_JUMP }, { "trick", TOK_POSE, POSE_JUMP },
	{ "tricks", TOK_POSE, POSE_JUMP }, { "stunt", TOK_POSE, POSE_JUMP },
	{ "stunts", TOK_POSE, POSE_JUMP }, { "ollie", TOK_POSE, POSE_JUMP },
	{ "kickflip", TOK_POSE, POSE_JUMP }, { "a jump", TOK_POSE, POSE_JUMP },
	{ "hood of", TOK_STOP, 0 }, { "roof of", TOK_STOP, 0 }, { "edge of", TOK_STOP, 0 },
	{ "side of", TOK_STOP, 0 }, { "end of", TOK_STOP, 0 }, { "front of", TOK_STOP, 0 },
	{ "bottom of", TOK_STOP, 0 }, { "corner of", TOK_STOP, 0 }, { "back of", TOK_STOP, 0 },
	/* Value 1: the day, which makes a city its streets by day (parse.c). */
	{ "top of", TOK_STOP, 0 }, { "day", TOK_STOP, 1 }, { "daytime", TOK_STOP, 1 },
	{ "during the day", TOK_STOP, 1 }, { "in the daytime", TOK_STOP, 1 },
	{ "by day", TOK_STOP, 1 }, { "daylight", TOK_STOP, 1 }, { "in daylight", TOK_STOP, 1 },
	{ "noon", TOK_STOP, 1 }, { "at noon", TOK_STOP, 1 }, { "midday", TOK_STOP, 1 },
	{ "at midday", TOK_STOP, 1 }, { "afternoon", TOK_STOP, 1 }, { "in the afternoon", TOK_STOP, 1 },
	{ "broad daylight", TOK_STOP, 0 }, { "clear day", TOK_STOP, 0 },
	{ "a clear day", TOK_STOP, 0 }, { "on a clear day", TOK_STOP, 0 },
	{ "clear", TOK_MATERIAL, MAT_GLASS }, { "wet", TOK_MATERIAL, MAT_GLOSSY },
	{ "soaking wet", TOK_MATERIAL, MAT_GLOSSY }, { "damp", TOK_MATERIAL, MAT_GLOSSY },
	/*
	 * More everyday verbs and words: a thing checked, grabbed or put is in the
	 * hand; a thing dragged or hauled goes in front; "containing" holds what
	 * follows; grazing is on grass, a docked boat at the shore; a grind or a
	 * turn is motion; mould is dirt, a dent age; fur and stuffing are fabric,
	 * brick is fired clay. A slice of pizza is the pizza the artwork shows (a
	 * slice); resting, gathering or being dressed is what is drawn anyway, and
	 * how a dish tastes is not a thing to draw differently.
	 */
	{ "grab", TOK_RELATION, REL_HOLDING | REL_AGENT }, { "catch", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "putting", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "checking", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "checks", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "enjoying", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "enjoys", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "messing with", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "fiddling with", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "playing on", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "eating from", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "dragging", TOK_RELATION, REL_IN_FRONT_OF | REL_AGENT },
	{ "drags", TOK_RELATION, REL_IN_FRONT_OF | REL_AGENT },
	{ "hauling", TOK_RELATION, REL_IN_FRONT_OF | REL_AGENT },
	{ "hauls", TOK_RELATION, REL_IN_FRONT_OF | REL_AGENT },
	{ "containing", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "contains", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "dressed with", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "dressed up in", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "dressed up as", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "dressed up like", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "dressed like", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "dressed as", TOK_RELATION, REL_ON | REL_INVERSE },
	{ "served on", TOK_RELATION, REL_ON }, { "served on top of", TOK_RELATION, REL_ON },
	{ "embedded in", TOK_POST, 0 }, { "encased in", TOK_POST, 0 },
	{ "served in", TOK_POST, 0 }, { "set in", TOK_POST, 0 },
	{ "grazing", TOK_SETTING, SET_FIELD }, { "grazes", TOK_SETTING, SET_FIELD },
	{ "graze", TOK_SETTING, SET_FIELD }, { "grazing on", TOK_SETTING, SET_FIELD },
	{ "zoo exhibit", TOK_SETTING, SET_FIELD },
	{ "cobblestone", TOK_SETTING, SET_STREET },
	{ "cobblestone street", TOK_SETTING, SET_STREET },
	{ "cobbled street", TOK_SETTING, SET_STREET }, { "cobblestones", TOK_SETTING, SET_STREET },
	{ "driveway", TOK_SETTING, SET_STREET }, { "on a driveway", TOK_SETTING, SET_STREET },
	{ "docked", TOK_SETTING, SET_BEACH }, { "moored", TOK_SETTING, SET_BEACH },
	{ "cloudless sky", TOK_SETTING, SET_SKY }, { "cloudless", TOK_SETTING, SET_SKY },
	{ "swooping", TOK_POSE, POSE_FLY }, { "swoops", TOK_POSE, POSE_FLY },
	{ "swooping down", TOK_POSE, POSE_FLY }, { "diving", TOK_POSE, POSE_FLY },
	{ "leap", TOK_POSE, POSE_JUMP }, { "grinding", TOK_TRAIT, TRAIT_MOVING },
	{ "rounding", TOK_TRAIT, TRAIT_MOVING }, { "zipping", TOK_TRAIT, TRAIT_MOVING },
	{ "whizzing", TOK_TRAIT, TRAIT_MOVING }, { "mouldy", TOK_TRAIT, TRAIT_DIRTY },
	{ "moldy", TOK_TRAIT, TRAIT_DIRTY }, { "rotten", TOK_TRAIT, TRAIT_DIRTY },
	{ "rotting", TOK_TRAIT, TRAIT_DIRTY }, { "grungy", TOK_TRAIT, TRAIT_DIRTY },
	{ "dented", TOK_TRAIT, TRAIT_OLD }, { "damaged", TOK_TRAIT, TRAIT_OLD },
	{ "broken down", TOK_TRAIT, TRAIT_OLD }, { "beat up old", TOK_TRAIT, TRAIT_OLD },
	{ "furry", TOK_MATERIAL, MAT_FABRIC }, { "fluffy", TOK_MATERIAL, MAT_FABRIC },
	{ "stuffed", TOK_MATERIAL, MAT_FABRIC }, { "fleece", TOK_MATERIAL, MAT_FABRIC },
	{ "fleecy", TOK_MATERIAL, MAT_FABRIC }, { "felted", TOK_MATERIAL, MAT_FABRIC },
	{ "bricked", TOK_MATERIAL, MAT_CERAMIC },
	{ "a pack of", TOK_COUNT, 5 },
	{ "pack of", TOK_COUNT, 5 }, { "slice of", TOK_STOP, 0 }, { "slices of", TOK_STOP, 0 },
	{ "a slice of", TOK_STOP, 0 }, { "piece of", TOK_STOP, 0 }, { "pieces of", TOK_STOP, 0 },
	{ "a piece of", TOK_STOP, 0 }, { "chilling", TOK_STOP, 0 }, { "relaxing", TOK_STOP, 0 },
	{ "hanging out", TOK_STOP, 0 }, { "gathered", TOK_STOP, 0 },
	{ "gathered together", TOK_STOP, 0 }, { "dressed", TOK_STOP, 0 },
	{ "well dressed", TOK_STOP, 0 }, { "built", TOK_STOP, 0 }, { "delicious", TOK_STOP, 0 },
	{ "tasty", TOK_STOP, 0 }, { "yummy", TOK_STOP, 0 }, { "appetizing", TOK_STOP, 0 },
	{ "for sale", TOK_STOP, 0 },
	/*
	 * Taking a picture puts a camera in the hand; sharing, seeing or choosing a
	 * thing is beside it; a thing in the shade of another is next to it. Bare
	 * dirt and mud are the desert's bare earth, wading is at the water's edge, a
	 * valley is open grass; tiles are ceramic, wicker and bamboo wood, crochet
	 * fabric; an abandoned thing is weathered like an old one. Similar things
	 * are drawn alike anyway, and cooked or homemade food is the food.
	 */
	{ "enjoy", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "unloading", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "unloads", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "untangling", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "taking a picture", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "taking pictures", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "taking a photo", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "taking photos", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "taking a photograph", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "taking a selfie", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "takes a picture", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "takes a photo", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "take a picture", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "take a photo", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "to take a picture", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "snapping a picture", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "photographing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "seeing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "selecting", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "sharing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "adjacent to", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "in the shade of", TOK_RELATION, REL_NEXT_TO },
	{ "in the shadow of", TOK_RELATION, REL_NEXT_TO }, { "dirt", TOK_SETTING, SET_DESERT },
	{ "dirt road", TOK_SETTING, SET_DESERT }, { "dirt ground", TOK_SETTING, SET_DESERT },
	{ "dirt field", TOK_SETTING, SET_DESERT }, { "dirt trail", TOK_SETTING, SET_DESERT },
	{ "dirt path", TOK_SETTING, SET_DESERT }, { "dirt pen", TOK_SETTING, SET_DESERT },
	{ "on dirt", TOK_SETTING, SET_DESERT }, { "in the dirt", TOK_SETTING, SET_DESERT },
	{ "on the dirt", TOK_SETTING, SET_DESERT }, { "mud", TOK_SETTING, SET_DESERT },
	{ "in the mud", TOK_SETTING, SET_DESERT }, { "muddy field", TOK_SETTING, SET_DESERT },
	{ "bare earth", TOK_SETTING, SET_DESERT }, { "wading", TOK_SETTING, SET_BEACH }, { "in the sand", TOK_SETTING, SET_BEACH },
	{ "on the sand", TOK_SETTING, SET_BEACH }, { "into the sand", TOK_SETTING, SET_BEACH },
	{ "wades", TOK_SETTING, SET_BEACH }, { "wading in the water", TOK_SETTING, SET_BEACH },
	{ "in the wild", TOK_SETTING, SET_FIELD }, { "wildlife park", TOK_SETTING, SET_FIELD },
	{ "safari", TOK_SETTING, SET_FIELD }, { "valley", TOK_SETTING, SET_FIELD }, { "valleys", TOK_SETTING, SET_FIELD },
	{ "in a valley", TOK_SETTING, SET_FIELD }, { "reading room", TOK_SETTING, SET_ROOM },
	{ "waiting area", TOK_SETTING, SET_ROOM }, { "waiting room", TOK_SETTING, SET_ROOM },
	{ "tiled", TOK_MATERIAL, MAT_CERAMIC }, { "tile", TOK_MATERIAL, MAT_CERAMIC },
	{ "tiles", TOK_MATERIAL, MAT_CERAMIC }, { "ceramic tile", TOK_MATERIAL, MAT_CERAMIC },
	{ "kitchen tile", TOK_MATERIAL, MAT_CERAMIC }, { "wicker", TOK_MATERIAL, MAT_WOOD },
	{ "rattan", TOK_MATERIAL, MAT_WOOD }, { "bamboo", TOK_MATERIAL, MAT_WOOD },
	{ "crochet", TOK_MATERIAL, MAT_FABRIC }, { "crochet covered", TOK_MATERIAL, MAT_FABRIC },
	{ "knitted", TOK_MATERIAL, MAT_FABRIC }, { "abandoned", TOK_TRAIT, TRAIT_OLD },
	{ "derelict", TOK_TRAIT, TRAIT_OLD }, { "lay", TOK_TRAIT, TRAIT_LYING },
	{ "midsized", TOK_SIZE, SIZE_DEFAULT }, { "mid sized", TOK_SIZE, SIZE_DEFAULT },
	{ "average sized", TOK_SIZE, SIZE_DEFAULT },
	{ "profile picture", TOK_CAMERA, CAM_CLOSEUP },
	{ "profile photo", TOK_CAMERA, CAM_CLOSEUP }, { "in profile", TOK_CAMERA, CAM_FRONT },
	{ "profile", TOK_CAMERA, CAM_FRONT }, { "hot sun", TOK_LIGHT, LIGHT_GOLDEN },
	{ "in the hot sun", TOK_LIGHT, LIGHT_GOLDEN }, { "blazing sun", TOK_LIGHT, LIGHT_GOLDEN },
	{ "scorching sun", TOK_LIGHT, LIGHT_GOLDEN }, { "lap of", TOK_STOP, 0 },
	{ "the lap of", TOK_STOP, 0 }, { "on all fours", TOK_STOP, 0 }, { "similar", TOK_STOP, 0 },
	{ "identical", TOK_STOP, 0 }, { "impressive", TOK_STOP, 0 }, { "weather", TOK_STOP, 0 },
	{ "wait", TOK_STOP, 0 }, { "wait for", TOK_STOP, 0 }, { "waits for", TOK_STOP, 0 },
	{ "cooked", TOK_STOP, 0 }, { "homemade", TOK_STOP, 0 }, { "home made", TOK_STOP, 0 },
	{ "freshly made", TOK_STOP, 0 },
	/*
	 * A statue or sculpture of a thing is the thing in stone (marble unless a
	 * material is said), not the Statue of Liberty the word alone names.
	 */
	{ "statue of", TOK_MATERIAL, MAT_MARBLE }, { "a statue of", TOK_MATERIAL, MAT_MARBLE },
	{ "statues of", TOK_MATERIAL, MAT_MARBLE }, { "sculpture of", TOK_MATERIAL, MAT_MARBLE },
	{ "a sculpture of", TOK_MATERIAL, MAT_MARBLE },
	{ "sculptures of", TOK_MATERIAL, MAT_MARBLE }, { "a bust of", TOK_MATERIAL, MAT_MARBLE },
	{ "bust of", TOK_MATERIAL, MAT_MARBLE }, { "a figurine of", TOK_MATERIAL, MAT_MARBLE },
	{ "figurine of", TOK_MATERIAL, MAT_MARBLE }, { "figurines of", TOK_MATERIAL, MAT_MARBLE },
	{ "bronze statue of", TOK_MATERIAL, MAT_BRONZE },
	{ "a bronze statue of", TOK_MATERIAL, MAT_BRONZE },
	{ "bronze sculpture of", TOK_MATERIAL, MAT_BRONZE },
	{ "a bronze sculpture of", TOK_MATERIAL, MAT_BRONZE },
	{ "bronze statues of", TOK_MATERIAL, MAT_BRONZE },
	{ "a bronze statues of", TOK_MATERIAL, MAT_BRONZE },
	{ "bronze sculptures of", TOK_MATERIAL, MAT_BRONZE },
	{ "a bronze sculptures of", TOK_MATERIAL, MAT_BRONZE },
	{ "bronze figurine of", TOK_MATERIAL, MAT_BRONZE },
	{ "a bronze figurine of", TOK_MATERIAL, MAT_BRONZE },
	{ "marble statue of", TOK_MATERIAL, MAT_MARBLE },
	{ "a marble statue of", TOK_MATERIAL, MAT_MARBLE },
	{ "marble sculpture of", TOK_MATERIAL, MAT_MARBLE },
	{ "a marble sculpture of", TOK_MATERIAL, MAT_MARBLE },
	{ "marble statues of", TOK_MATERIAL, MAT_MARBLE },
	{ "a marble statues of", TOK_MATERIAL, MAT_MARBLE },
	{ "marble sculptures of", TOK_MATERIAL, MAT_MARBLE },
	{ "a marble sculptures of", TOK_MATERIAL, MAT_MARBLE },
	{ "marble figurine of", TOK_MATERIAL, MAT_MARBLE },
	{ "a marble figurine of", TOK_MATERIAL, MAT_MARBLE },
	{ "stone statue of", TOK_MATERIAL, MAT_STONE },
	{ "a stone statue of", TOK_MATERIAL, MAT_STONE },
	{ "stone sculpture of", TOK_MATERIAL, MAT_STONE },
	{ "a stone sculpture of", TOK_MATERIAL, MAT_STONE },
	{ "stone statues of", TOK_MATERIAL, MAT_STONE },
	{ "a stone statues of", TOK_MATERIAL, MAT_STONE },
	{ "stone sculptures of", TOK_MATERIAL, MAT_STONE },
	{ "a stone sculptures of", TOK_MATERIAL, MAT_STONE },
	{ "stone figurine of", TOK_MATERIAL, MAT_STONE },
	{ "a stone figurine of", TOK_MATERIAL, MAT_STONE },
	{ "golden statue of", TOK_MATERIAL, MAT_GOLD },
	{ "a golden statue of", TOK_MATERIAL, MAT_GOLD },
	{ "golden sculpture of", TOK_MATERIAL, MAT_GOLD },
	{ "a golden sculpture of", TOK_MATERIAL, MAT_GOLD },
	{ "golden statues of", TOK_MATERIAL, MAT_GOLD },
	{ "a golden statues of", TOK_MATERIAL, MAT_GOLD },
	{ "golden sculptures of", TOK_MATERIAL, MAT_GOLD },
	{ "a golden sculptures of", TOK_MATERIAL, MAT_GOLD },
	{ "golden figurine of", TOK_MATERIAL, MAT_GOLD },
	{ "a golden figurine of", TOK_MATERIAL, MAT_GOLD },
	{ "gold statue of", TOK_MATERIAL, MAT_GOLD },
	{ "a gold statue of", TOK_MATERIAL, MAT_GOLD },
	{ "gold sculpture of", TOK_MATERIAL, MAT_GOLD },
	{ "a gold sculpture of", TOK_MATERIAL, MAT_GOLD },
	{ "gold statues of", TOK_MATERIAL, MAT_GOLD },
	{ "a gold statues of", TOK_MATERIAL, MAT_GOLD },
	{ "gold sculptures of", TOK_MATERIAL, MAT_GOLD },
	{ "a gold sculptures of", TOK_MATERIAL, MAT_GOLD },
	{ "gold figurine of", TOK_MATERIAL, MAT_GOLD },
	{ "a gold figurine of", TOK_MATERIAL, MAT_GOLD },
	{ "wooden statue of", TOK_MATERIAL, MAT_WOOD },
	{ "a wooden statue of", TOK_MATERIAL, MAT_WOOD },
	{ "wooden sculpture of", TOK_MATERIAL, MAT_WOOD },
	{ "a wooden sculpture of", TOK_MATERIAL, MAT_WOOD },
	{ "wooden statues of", TOK_MATERIAL, MAT_WOOD },
	{ "a wooden statues of", TOK_MATERIAL, MAT_WOOD },
	{ "wooden sculptures of", TOK_MATERIAL, MAT_WOOD },
	{ "a wooden sculptures of", TOK_MATERIAL, MAT_WOOD },
	{ "wooden figurine of", TOK_MATERIAL, MAT_WOOD },
	{ "a wooden figurine of", TOK_MATERIAL, MAT_WOOD },
	{ "ice statue of", TOK_MATERIAL, MAT_ICE }, { "a ice statue of", TOK_MATERIAL, MAT_ICE },
	{ "ice sculpture of", TOK_MATERIAL, MAT_ICE },
	{ "a ice sculpture of", TOK_MATERIAL, MAT_ICE },
	{ "ice statues of", TOK_MATERIAL, MAT_ICE }, { "a ice statues of", TOK_MATERIAL, MAT_ICE },
	{ "ice sculptures of", TOK_MATERIAL, MAT_ICE },
	{ "a ice sculptures of", TOK_MATERIAL, MAT_ICE },
	{ "ice figurine of", TOK_MATERIAL, MAT_ICE },
	{ "a ice figurine of", TOK_MATERIAL, MAT_ICE },
	{ "clay statue of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a clay statue of", TOK_MATERIAL, MAT_CERAMIC },
	{ "clay sculpture of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a clay sculpture of", TOK_MATERIAL, MAT_CERAMIC },
	{ "clay statues of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a clay statues of", TOK_MATERIAL, MAT_CERAMIC },
	{ "clay sculptures of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a clay sculptures of", TOK_MATERIAL, MAT_CERAMIC },
	{ "clay figurine of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a clay figurine of", TOK_MATERIAL, MAT_CERAMIC },
	{ "glass statue of", TOK_MATERIAL, MAT_GLASS },
	{ "a glass statue of", TOK_MATERIAL, MAT_GLASS },
	{ "glass sculpture of", TOK_MATERIAL, MAT_GLASS },
	{ "a glass sculpture of", TOK_MATERIAL, MAT_GLASS },
	{ "glass statues of", TOK_MATERIAL, MAT_GLASS },
	{ "a glass statues of", TOK_MATERIAL, MAT_GLASS },
	{ "glass sculptures of", TOK_MATERIAL, MAT_GLASS },
	{ "a glass sculptures of", TOK_MATERIAL, MAT_GLASS },
	{ "glass figurine of", TOK_MATERIAL, MAT_GLASS },
	{ "a glass figurine of", TOK_MATERIAL, MAT_GLASS },
	{ "metal statue of", TOK_MATERIAL, MAT_METAL },
	{ "a metal statue of", TOK_MATERIAL, MAT_METAL },
	{ "metal sculpture of", TOK_MATERIAL, MAT_METAL },
	{ "a metal sculpture of", TOK_MATERIAL, MAT_METAL },
	{ "metal statues of", TOK_MATERIAL, MAT_METAL },
	{ "a metal statues of", TOK_MATERIAL, MAT_METAL },
	{ "metal sculptures of", TOK_MATERIAL, MAT_METAL },
	{ "a metal sculptures of", TOK_MATERIAL, MAT_METAL },
	{ "metal figurine of", TOK_MATERIAL, MAT_METAL },
	{ "a metal figurine of", TOK_MATERIAL, MAT_METAL },
	{ "porcelain statue of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a porcelain statue of", TOK_MATERIAL, MAT_CERAMIC },
	{ "porcelain sculpture of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a porcelain sculpture of", TOK_MATERIAL, MAT_CERAMIC },
	{ "porcelain statues of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a porcelain statues of", TOK_MATERIAL, MAT_CERAMIC },
	{ "porcelain sculptures of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a porcelain sculptures of", TOK_MATERIAL, MAT_CERAMIC },
	{ "porcelain figurine of", TOK_MATERIAL, MAT_CERAMIC },
	{ "a porcelain figurine of", TOK_MATERIAL, MAT_CERAMIC },
	/* Shapes, places and looks a prompt names by another word. */
	{ "times square", TOK_SETTING, SET_CITY_NIGHT },
	{ "in times square", TOK_SETTING, SET_CITY_NIGHT }, { "glacier", TOK_SETTING, SET_SNOW },
	{ "glaciers", TOK_SETTING, SET_SNOW }, { "tundra", TOK_SETTING, SET_SNOW },
	{ "ice field", TOK_SETTING, SET_SNOW }, { "canyon", TOK_SETTING, SET_DESERT },
	{ "canyons", TOK_SETTING, SET_DESERT }, { "grand canyon", TOK_SETTING, SET_DESERT },
	{ "badlands", TOK_SETTING, SET_DESERT }, { "mesa", TOK_SETTING, SET_DESERT },
	{ "landing", TOK_POSE, POSE_FLY }, { "taking off", TOK_POSE, POSE_FLY },
	{ "lifting off", TOK_POSE, POSE_FLY }, { "launching", TOK_POSE, POSE_FLY },
	{ "blasting off", TOK_POSE, POSE_FLY }, { "descending", TOK_POSE, POSE_FLY },
	{ "armor", TOK_MATERIAL, MAT_METAL }, { "armour", TOK_MATERIAL, MAT_METAL },
	{ "shining armor", TOK_MATERIAL, MAT_METAL },
	{ "shining armour", TOK_MATERIAL, MAT_METAL },
	{ "suit of armor", TOK_MATERIAL, MAT_METAL }, { "plate armor", TOK_MATERIAL, MAT_METAL },
	{ "carving of", TOK_MATERIAL, MAT_WOOD }, { "a carving of", TOK_MATERIAL, MAT_WOOD },
	{ "wood carving of", TOK_MATERIAL, MAT_WOOD },
	{ "a wood carving of", TOK_MATERIAL, MAT_WOOD },
	{ "wooden carving of", TOK_MATERIAL, MAT_WOOD },
	{ "carved wooden", TOK_MATERIAL, MAT_WOOD },
	/* Light, framing and detail said the way image-model users write them. */
	{ "hard shadows", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "hard lighting", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "hard light", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "strong shadows", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "harsh shadows", TOK_LIGHT, LIGHT_DRAMATIC },
	{ "high contrast", TOK_LIGHT, LIGHT_DRAMATIC }, { "mid shot", TOK_CAMERA, CAM_FRONT },
	{ "medium shot", TOK_CAMERA, CAM_FRONT }, { "midshot", TOK_CAMERA, CAM_FRONT },
	{ "waist up", TOK_CAMERA, CAM_FRONT }, { "cowboy shot", TOK_CAMERA, CAM_FRONT },
	{ "complex", TOK_STOP, 0 }, { "insanely complex", TOK_STOP, 0 },
	{ "hyper complex", TOK_STOP, 0 }, { "elaborate details", TOK_STOP, 0 },
	/* Giving, arguing, falling and crashing; plated metals; terminals and garages. */
	{ "gives", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "giving", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "give", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "arguing with", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "argues with", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "arguing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "chatting", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "conversing with", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "howling at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "barking at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "growling at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "roaring at", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "singing to", TOK_RELATION, REL_NEXT_TO | REL_AGENT }, { "falling", TOK_POSE, POSE_FLY },
	{ "falls", TOK_POSE, POSE_FLY }, { "falling into", TOK_POSE, POSE_FLY },
	{ "falling from", TOK_POSE, POSE_FLY }, { "dropping", TOK_POSE, POSE_FLY },
	{ "tumbling", TOK_POSE, POSE_FLY }, { "plummeting", TOK_POSE, POSE_FLY },
	{ "flying through", TOK_POSE, POSE_FLY }, { "crashing", TOK_TRAIT, TRAIT_MOVING },
	{ "crashes", TOK_TRAIT, TRAIT_MOVING }, { "crashing into", TOK_TRAIT, TRAIT_MOVING },
	{ "plunging", TOK_TRAIT, TRAIT_MOVING }, { "charging", TOK_TRAIT, TRAIT_MOVING },
	{ "stampeding", TOK_TRAIT, TRAIT_MOVING }, { "chrome plated", TOK_MATERIAL, MAT_METAL },
	{ "cast iron", TOK_MATERIAL, MAT_METAL }, { "wrought iron", TOK_MATERIAL, MAT_METAL },
	{ "steel plated", TOK_MATERIAL, MAT_METAL }, { "gold plated", TOK_MATERIAL, MAT_GOLD },
	{ "gold leaf", TOK_MATERIAL, MAT_GOLD }, { "airport terminal", TOK_SETTING, SET_ROOM },
	{ "terminal", TOK_SETTING, SET_ROOM }, { "train station interior", TOK_SETTING, SET_ROOM },
	{ "parking garage", TOK_SETTING, SET_STREET }, { "car park", TOK_SETTING, SET_STREET },
	/* Wire is metal; watering or viewing a thing is beside it; rocky ground is bare earth. */
	{ "wire", TOK_MATERIAL, MAT_METAL }, { "wired", TOK_MATERIAL, MAT_METAL },
	{ "chain link", TOK_MATERIAL, MAT_METAL }, { "barbed wire", TOK_MATERIAL, MAT_METAL },
	{ "watering", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "waters", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "viewing", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "views", TOK_RELATION, REL_NEXT_TO | REL_AGENT }, { "rocky", TOK_SETTING, SET_DESERT },
	{ "rocky area", TOK_SETTING, SET_DESERT }, { "rocky terrain", TOK_SETTING, SET_DESERT },
	{ "rocky ground", TOK_SETTING, SET_DESERT },
	/* Halls are rooms, streams are water's edge; water reflects what is over it anyway. */
	{ "concert hall", TOK_SETTING, SET_ROOM }, { "theater", TOK_SETTING, SET_ROOM },
	{ "theatre", TOK_SETTING, SET_ROOM }, { "auditorium", TOK_SETTING, SET_ROOM },
	{ "ballroom", TOK_SETTING, SET_ROOM }, { "hall of a castle", TOK_SETTING, SET_ROOM },
	{ "stream", TOK_SETTING, SET_BEACH }, { "creek", TOK_SETTING, SET_BEACH },
	{ "brook", TOK_SETTING, SET_BEACH }, { "a stream", TOK_SETTING, SET_BEACH },
	{ "waterside", TOK_SETTING, SET_BEACH }, { "reflected in", TOK_STOP, 0 },
	{ "reflecting in", TOK_STOP, 0 }, { "reflected on", TOK_STOP, 0 },
	{ "mirrored in", TOK_STOP, 0 }, { "reflected", TOK_STOP, 0 },
	{ "reflecting", TOK_STOP, 0 },
	/* Sliding is motion, a country road runs through fields, fishing needs a rod. */
	{ "sliding", TOK_TRAIT, TRAIT_MOVING }, { "slides", TOK_TRAIT, TRAIT_MOVING },
	{ "skating", TOK_TRAIT, TRAIT_MOVING }, { "skates", TOK_TRAIT, TRAIT_MOVING },
	{ "slipping", TOK_TRAIT, TRAIT_MOVING }, { "country road", TOK_SETTING, SET_FIELD },
	{ "a country road", TOK_SETTING, SET_FIELD }, { "rural road", TOK_SETTING, SET_FIELD },
	{ "farm road", TOK_SETTING, SET_FIELD },
	{ "fishing", TOK_RELATION, REL_HOLDING | REL_AGENT },
	{ "fishes", TOK_RELATION, REL_HOLDING | REL_AGENT },
	/* Hands and heads said of what is held or worn there; waves ridden are the sea. */
	{ "you can see", TOK_STOP, 0 }, { "can be seen", TOK_STOP, 0 }, { "class", TOK_SETTING, SET_ROOM },
	{ "in class", TOK_SETTING, SET_ROOM },
	{ "in one hand", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "in each hand", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "in both hands", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "with both hands", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "in one of his hands", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "in one of her hands", TOK_RELATION, REL_HOLDING | REL_AFTER },
	{ "on its head", TOK_STOP, 0 }, { "on his head", TOK_STOP, 0 },
	{ "on her head", TOK_STOP, 0 }, { "on their heads", TOK_STOP, 0 },
	{ "on their head", TOK_STOP, 0 }, { "holding hands", TOK_STOP, 3 },
	/* Value 2: what follows is the shape of the last thing named (parse.c). */
	{ "shaped like", TOK_STOP, 2 }, { "in the shape of", TOK_STOP, 2 },
	{ "in the shape of a", TOK_STOP, 2 }, { "shaped like a", TOK_STOP, 2 },
	{ "shaped like an", TOK_STOP, 2 }, { "in the shape of an", TOK_STOP, 2 },
	{ "hand in hand", TOK_STOP, 0 }, { "to pet", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "stop to pet", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "stopped to pet", TOK_RELATION, REL_NEXT_TO | REL_AGENT },
	{ "riding a wave", TOK_SETTING, SET_BEACH },
	{ "riding the waves", TOK_SETTING, SET_BEACH }, { "riding waves", TOK_SETTING, SET_BEACH },
	{ "rides a wave", TOK_SETTING, SET_BEACH }, { "catching a wave", TOK_SETTING, SET_BEACH },
	{ "catches a wave", TOK_SETTING, SET_BEACH },
	{ "riding the wave", TOK_SETTING, SET_BEACH },
	{ "surfing a wave", TOK_SETTING, SET_BEACH }, { "take off", TOK_POSE, POSE_FLY },
	{ "takes off", TOK_POSE, POSE_FLY }, { "take-off", TOK_POSE, POSE_FLY },
	/*
	 * Rendering and camera words image-model users add: what the engine's output
	 * already is (ray traced with global illumination and occlusion, composed,
	 * detailed, in focus), so understood and changing nothing, like "8k".
	 */
	{ "global illumination", TOK_STOP, 0 }, { "ambient occlusion", TOK_STOP, 0 },
	{ "subsurface scattering", TOK_STOP, 0 }, { "pbr", TOK_STOP, 0 },
	{ "physically based rendering", TOK_STOP, 0 }, { "physically based", TOK_STOP, 0 },
	{ "post processing", TOK_STOP, 0 }, { "post processed", TOK_STOP, 0 },
	{ "color graded", TOK_STOP, 0 }, { "colour graded", TOK_STOP, 0 },
	{ "color grading", TOK_STOP, 0 }, { "epic composition", TOK_STOP, 0 },
	{ "cinematic composition", TOK_STOP, 0 }, { "dynamic composition", TOK_STOP, 0 },
	{ "centered composition", TOK_STOP, 0 }, { "rule of thirds", TOK_STOP, 0 },
	{ "golden ratio", TOK_STOP, 0 }, { "beautiful composition", TOK_STOP, 0 },
	{ "perfect composition", TOK_STOP, 0 }, { "sharp details", TOK_STOP, 0 },
	{ "high detail", TOK_STOP, 0 }, { "high details", TOK_STOP, 0 },
	{ "ultra detail", TOK_STOP, 0 }, { "ultra details", TOK_STOP, 0 },
	{ "ultra high detail", TOK_STOP, 0 }, { "extremely high detail", TOK_STOP, 0 },
	{ "unreal engine 4", TOK_STOP, 0 }, { "unreal engine 5", TOK_STOP, 0 },
	{ "ue5", TOK_STOP, 0 }, { "ue4", TOK_STOP, 0 }, { "octane renderer", TOK_STOP, 0 },
	{ "corona render", TOK_STOP, 0 }, { "arnold render", TOK_STOP, 0 },
	{ "keyshot", TOK_STOP, 0 }, { "zbrush", TOK_STOP, 0 },
	{ "substance painter", TOK_STOP, 0 }, { "houdini", TOK_STOP, 0 }, { "maya", TOK_STOP, 0 },
	{ "3ds max", TOK_STOP, 0 }, { "daz3d", TOK_STOP, 0 }, { "studio quality", TOK_STOP, 0 },
	{ "editorial", TOK_STOP, 0 }, { "editorial photography", TOK_STOP, 0 },
	{ "national geographic", TOK_STOP, 0 }, { "nat geo", TOK_STOP, 0 },
	{ "sony a7r", TOK_STOP, 0 }, { "canon eos", TOK_STOP, 0 }, { "nikon", TOK_STOP, 0 },
	{ "f 1 8", TOK_STOP, 0 }, { "f1 8", TOK_STOP, 0 }, { "iso 100", TOK_STOP, 0 },
	{ "shallow focus", TOK_STOP, 0 },
	/* Sailing and fetching are motion; a thing tied to another is beside it. */
	{ "sailing", TOK_TRAIT, TRAIT_MOVING }, { "sails", TOK_TRAIT, TRAIT_MOVING },
	{ "playing fetch", TOK_TRAIT, TRAIT_MOVING }, { "plays fetch", TOK_TRAIT, TRAIT_MOVING },
	{ "paddling", TOK_TRAIT, TRAIT_MOVING }, { "rowing along", TOK_TRAIT, TRAIT_MOVING },
	{ "tied to", TOK_RELATION, REL_NEXT_TO }, { "tied up to", TOK_RELATION, REL_NEXT_TO },
	{ "chained to", TOK_RELATION, REL_NEXT_TO }, { "attached to", TOK_RELATION, REL_NEXT_TO },
	{ "moored to", TOK_RELATION, REL_NEXT_TO },
	/* How a person looks: hair colour, skin tone, bald, bearded, curly (looks.c, parse.c). */
	{ "hair", TOK_LOOK, LOOKW_HAIR }, { "haired", TOK_LOOK, LOOKW_HAIRED },
	{ "hair colour", TOK_LOOK, LOOKW_HAIR }, { "hair color", TOK_LOOK, LOOKW_HAIR },
	/* 1 << 4: the noun "hair" is in the phrase ("with dark hair"), not "haired". */
	{ "dark hair", TOK_LOOK, LOOKW_HAIR_COLOR | 1 << 4 }, { "dark haired", TOK_LOOK, LOOKW_HAIR_COLOR },
	{ "fair hair", TOK_LOOK, LOOKW_HAIR_COLOR | 1 << 4 }, { "fair haired", TOK_LOOK, LOOKW_HAIR_COLOR },
	{ "blonde", TOK_LOOK, LOOKW_HAIR_COLOR }, { "blond", TOK_LOOK, LOOKW_HAIR_COLOR },
	{ "auburn", TOK_LOOK, LOOKW_HAIR_COLOR },
	{ "brunette", TOK_LOOK, LOOKW_HAIR_COLOR },
	{ "platinum blonde", TOK_LOOK, LOOKW_HAIR_COLOR },
	{ "platinum blond", TOK_LOOK, LOOKW_HAIR_COLOR }, { "skin", TOK_LOOK, LOOKW_SKIN },
	{ "skinned", TOK_LOOK, LOOKW_SKINNED }, { "complexion", TOK_LOOK, LOOKW_SKIN },
	{ "pale skin", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "pale skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_LIGHT << 4 },
	{ "pale complexion", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "fair skin", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "fair skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_LIGHT << 4 },
	{ "fair complexion", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "light skin", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "light skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_LIGHT << 4 },
	{ "light complexion", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "white skin", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "white skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_LIGHT << 4 },
	{ "white complexion", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "porcelain skin", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "porcelain skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_LIGHT << 4 },
	{ "porcelain complexion", TOK_LOOK, LOOKW_SKIN | SKIN_LIGHT << 4 },
	{ "olive skin", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_LIGHT << 4 },
	{ "olive skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_MEDIUM_LIGHT << 4 },
	{ "olive complexion", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_LIGHT << 4 },
	{ "tan skin", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_LIGHT << 4 },
	{ "tan skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_MEDIUM_LIGHT << 4 },
	{ "tan complexion", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_LIGHT << 4 },
	{ "tanned skin", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_LIGHT << 4 },
	{ "tanned skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_MEDIUM_LIGHT << 4 },
	{ "tanned complexion", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_LIGHT << 4 },
	{ "brown skin", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM << 4 },
	{ "brown skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_MEDIUM << 4 },
	{ "brown complexion", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM << 4 },
	{ "dark skin", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_DARK << 4 },
	{ "dark skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_MEDIUM_DARK << 4 },
	{ "dark complexion", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_DARK << 4 },
	{ "black skin", TOK_LOOK, LOOKW_SKIN | SKIN_DARK << 4 },
	{ "black skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_DARK << 4 },
	{ "black complexion", TOK_LOOK, LOOKW_SKIN | SKIN_DARK << 4 },
	{ "very dark skin", TOK_LOOK, LOOKW_SKIN | SKIN_DARK << 4 },
	{ "very dark skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_DARK << 4 },
	{ "very dark complexion", TOK_LOOK, LOOKW_SKIN | SKIN_DARK << 4 },
	{ "ebony skin", TOK_LOOK, LOOKW_SKIN | SKIN_DARK << 4 },
	{ "ebony skinned", TOK_LOOK, LOOKW_SKINNED | SKIN_DARK << 4 },
	{ "ebony complexion", TOK_LOOK, LOOKW_SKIN | SKIN_DARK << 4 },
	{ "medium skin", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM << 4 },
	{ "medium light skin", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_LIGHT << 4 },
	{ "medium dark skin", TOK_LOOK, LOOKW_SKIN | SKIN_MEDIUM_DARK << 4 },
	{ "bald", TOK_LOOK, LOOKW_BALD }, { "balding", TOK_LOOK, LOOKW_BALD },
	{ "bald headed", TOK_LOOK, LOOKW_BALD }, { "beard", TOK_LOOK, LOOKW_BEARD },
	{ "bearded", TOK_LOOK, LOOKW_BEARD }, { "beards", TOK_LOOK, LOOKW_BEARD },
	{ "curly", TOK_LOOK, LOOKW_CURLY }, { "suit", TOK_LOOK, LOOKW_SUIT },
	{ "suits", TOK_LOOK, LOOKW_SUIT }, { "business suit", TOK_LOOK, LOOKW_SUIT },
	{ "tuxedo", TOK_LOOK, LOOKW_SUIT }, { "tux", TOK_LOOK, LOOKW_SUIT },
	{ "suit and tie", TOK_LOOK, LOOKW_SUIT }, { "eyes", TOK_LOOK, LOOKW_EYES },
	{ "eyed", TOK_LOOK, LOOKW_EYED },
	/* The air and the lens: rain, fog, a blurry picture, a soft background (post.c). */
	{ "rain", TOK_EFFECT, FX_RAIN }, { "rainy", TOK_EFFECT, FX_RAIN },
	{ "raining", TOK_EFFECT, FX_RAIN }, { "in the rain", TOK_EFFECT, FX_RAIN },
	{ "rainfall", TOK_EFFECT, FX_RAIN }, { "rainstorm", TOK_EFFECT, FX_RAIN },
	{ "downpour", TOK_EFFECT, FX_RAIN }, { "drizzle", TOK_EFFECT, FX_RAIN },
	{ "drizzling", TOK_EFFECT, FX_RAIN }, { "on a rainy day", TOK_EFFECT, FX_RAIN },
	{ "rainy day", TOK_EFFECT, FX_RAIN }, { "pouring rain", TOK_EFFECT, FX_RAIN },
	{ "heavy rain", TOK_EFFECT, FX_RAIN }, { "rain soaked", TOK_EFFECT, FX_RAIN },
	{ "in the pouring rain", TOK_EFFECT, FX_RAIN }, { "thunderstorm", TOK_EFFECT, FX_RAIN },
	{ "storm", TOK_EFFECT, FX_RAIN }, { "stormy", TOK_EFFECT, FX_RAIN },
	{ "stormy day", TOK_EFFECT, FX_RAIN }, { "fog", TOK_EFFECT, FX_FOG },
	{ "foggy", TOK_EFFECT, FX_FOG }, { "in the fog", TOK_EFFECT, FX_FOG },
	{ "mist", TOK_EFFECT, FX_FOG }, { "misty", TOK_EFFECT, FX_FOG },
	{ "in the mist", TOK_EFFECT, FX_FOG }, { "haze", TOK_EFFECT, FX_FOG },
	{ "smoke", TOK_EFFECT, FX_FOG }, { "smoky", TOK_EFFECT, FX_FOG }, { "smokey", TOK_EFFECT, FX_FOG },
	{ "lots of smoke", TOK_EFFECT, FX_FOG },
	{ "hazy", TOK_EFFECT, FX_FOG }, { "smog", TOK_EFFECT, FX_FOG },
	{ "smoggy", TOK_EFFECT, FX_FOG }, { "murky", TOK_EFFECT, FX_FOG },
	{ "fog covered", TOK_EFFECT, FX_FOG }, { "foggy day", TOK_EFFECT, FX_FOG },
	{ "in fog", TOK_EFFECT, FX_FOG }, { "blurry", TOK_EFFECT, FX_BLUR },
	{ "blurred", TOK_EFFECT, FX_BLUR }, { "blurry photo", TOK_EFFECT, FX_BLUR },
	{ "blurry image", TOK_EFFECT, FX_BLUR }, { "blurry picture", TOK_EFFECT, FX_BLUR },
	{ "out of focus", TOK_EFFECT, FX_BLUR }, { "motion blur", TOK_EFFECT, FX_BLUR },
	{ "fuzzy", TOK_EFFECT, FX_BLUR }, { "unfocused", TOK_EFFECT, FX_BLUR },
	{ "soft focus", TOK_EFFECT, FX_BLUR }, { "bokeh", TOK_EFFECT, FX_BOKEH },
	{ "depth of field", TOK_EFFECT, FX_BOKEH },
	{ "shallow depth of field", TOK_EFFECT, FX_BOKEH },
	{ "with a shallow depth of field", TOK_EFFECT, FX_BOKEH },
	{ "blurred background", TOK_EFFECT, FX_BOKEH },
	{ "blurry background", TOK_EFFECT, FX_BOKEH }, { "background blur", TOK_EFFECT, FX_BOKEH },
	{ "dof", TOK_EFFECT, FX_BOKEH }, { "tilt shift blur", TOK_EFFECT, FX_BOKEH },
	/*
	 * Traits (render.h): how a thing is, each drawn. A verb of going trails the
	 * mover with speed streaks; a person or animal asleep or lying lies on its
	 * side (anything else lying just rests where it is); age fades and yellows
	 * a thing (a man or woman becomes the old one); dirt greys it with grime;
	 * length stretches it sideways, thinness squeezes it.
	 */
	{ "moving", TOK_TRAIT, TRAIT_MOVING }, { "moves", TOK_TRAIT, TRAIT_MOVING },
	{ "move", TOK_TRAIT, TRAIT_MOVING }, { "walking", TOK_TRAIT, TRAIT_MOVING },
	{ "walks", TOK_TRAIT, TRAIT_MOVING }, { "walk", TOK_TRAIT, TRAIT_MOVING },
	{ "running", TOK_TRAIT, TRAIT_MOVING }, { "runs", TOK_TRAIT, TRAIT_MOVING },
	{ "run", TOK_TRAIT, TRAIT_MOVING }, { "driving", TOK_TRAIT, TRAIT_MOVING },
	{ "drives", TOK_TRAIT, TRAIT_MOVING }, { "drive", TOK_TRAIT, TRAIT_MOVING },
	{ "passing", TOK_TRAIT, TRAIT_MOVING }, { "passes", TOK_TRAIT, TRAIT_MOVING },
	{ "traveling", TOK_TRAIT, TRAIT_MOVING }, { "travelling", TOK_TRAIT, TRAIT_MOVING },
	{ "travels", TOK_TRAIT, TRAIT_MOVING }, { "travel", TOK_TRAIT, TRAIT_MOVING },
	{ "speeding", TOK_TRAIT, TRAIT_MOVING }, { "speeds", TOK_TRAIT, TRAIT_MOVING },
	{ "racing", TOK_TRAIT, TRAIT_MOVING }, { "races", TOK_TRAIT, TRAIT_MOVING },
	{ "heading", TOK_TRAIT, TRAIT_MOVING }, { "headed", TOK_TRAIT, TRAIT_MOVING },
	{ "cruising", TOK_TRAIT, TRAIT_MOVING }, { "cruises", TOK_TRAIT, TRAIT_MOVING },
	{ "rolling", TOK_TRAIT, TRAIT_MOVING }, { "rolls", TOK_TRAIT, TRAIT_MOVING },
	{ "galloping", TOK_TRAIT, TRAIT_MOVING }, { "gallops", TOK_TRAIT, TRAIT_MOVING },
	{ "trotting", TOK_TRAIT, TRAIT_MOVING }, { "trots", TOK_TRAIT, TRAIT_MOVING },
	{ "marching", TOK_TRAIT, TRAIT_MOVING }, { "marches", TOK_TRAIT, TRAIT_MOVING },
	{ "strolling", TOK_TRAIT, TRAIT_MOVING }, { "strolls", TOK_TRAIT, TRAIT_MOVING },
	{ "wandering", TOK_TRAIT, TRAIT_MOVING }, { "wanders", TOK_TRAIT, TRAIT_MOVING },
	{ "roaming", TOK_TRAIT, TRAIT_MOVING }, { "roams", TOK_TRAIT, TRAIT_MOVING },
	{ "rushing", TOK_TRAIT, TRAIT_MOVING }, { "rushes", TOK_TRAIT, TRAIT_MOVING },
	{ "hurrying", TOK_TRAIT, TRAIT_MOVING }, { "hurries", TOK_TRAIT, TRAIT_MOVING },
	{ "crossing", TOK_TRAIT, TRAIT_MOVING }, { "crosses", TOK_TRAIT, TRAIT_MOVING },
	{ "coming", TOK_TRAIT, TRAIT_MOVING }, { "comes", TOK_TRAIT, TRAIT_MOVING },
	{ "departing", TOK_TRAIT, TRAIT_MOVING }, { "departs", TOK_TRAIT, TRAIT_MOVING },
	{ "leaving", TOK_TRAIT, TRAIT_MOVING }, { "arriving", TOK_TRAIT, TRAIT_MOVING },
	{ "arrives", TOK_TRAIT, TRAIT_MOVING }, { "zooming", TOK_TRAIT, TRAIT_MOVING },
	{ "zooms", TOK_TRAIT, TRAIT_MOVING }, { "chasing", TOK_TRAIT, TRAIT_MOVING },
	{ "chases", TOK_TRAIT, TRAIT_MOVING }, { "fleeing", TOK_TRAIT, TRAIT_MOVING },
	{ "flees", TOK_TRAIT, TRAIT_MOVING }, { "escaping", TOK_TRAIT, TRAIT_MOVING },
	{ "runing", TOK_TRAIT, TRAIT_MOVING }, { "jogging", TOK_TRAIT, TRAIT_MOVING },
	{ "lying", TOK_TRAIT, TRAIT_LYING }, { "laying", TOK_TRAIT, TRAIT_LYING },
	{ "lies", TOK_TRAIT, TRAIT_LYING }, { "lays", TOK_TRAIT, TRAIT_LYING },
	{ "sleeping", TOK_TRAIT, TRAIT_LYING }, { "sleeps", TOK_TRAIT, TRAIT_LYING },
	{ "asleep", TOK_TRAIT, TRAIT_LYING }, { "napping", TOK_TRAIT, TRAIT_LYING },
	{ "naps", TOK_TRAIT, TRAIT_LYING }, { "dozing", TOK_TRAIT, TRAIT_LYING },
	{ "lounging", TOK_TRAIT, TRAIT_LYING }, { "lounges", TOK_TRAIT, TRAIT_LYING },
	{ "sprawled", TOK_TRAIT, TRAIT_LYING }, { "sprawling", TOK_TRAIT, TRAIT_LYING },
	{ "reclining", TOK_TRAIT, TRAIT_LYING }, { "reclined", TOK_TRAIT, TRAIT_LYING },
	{ "lying down", TOK_TRAIT, TRAIT_LYING }, { "laying down", TOK_TRAIT, TRAIT_LYING },
	{ "lays down", TOK_TRAIT, TRAIT_LYING }, { "lies down", TOK_TRAIT, TRAIT_LYING },
	{ "curled up", TOK_TRAIT, TRAIT_LYING }, { "curled", TOK_TRAIT, TRAIT_LYING },
	{ "sound asleep", TOK_TRAIT, TRAIT_LYING }, { "fast asleep", TOK_TRAIT, TRAIT_LYING },
	{ "taking a nap", TOK_TRAIT, TRAIT_LYING }, { "takes a nap", TOK_TRAIT, TRAIT_LYING },
	{ "having a nap", TOK_TRAIT, TRAIT_LYING }, { "old", TOK_TRAIT, TRAIT_OLD },
	{ "older", TOK_TRAIT, TRAIT_OLD }, { "oldest", TOK_TRAIT, TRAIT_OLD },
	{ "aged", TOK_TRAIT, TRAIT_OLD }, { "elderly", TOK_TRAIT, TRAIT_OLD },
	{ "antique", TOK_TRAIT, TRAIT_OLD }, { "ancient", TOK_TRAIT, TRAIT_OLD },
	{ "double", TOK_COUNT, 2 }, { "twin", TOK_COUNT, 2 },
	{ "triangular", TOK_TRAIT, TRAIT_TRIANGLE }, { "triangle shaped", TOK_TRAIT, TRAIT_TRIANGLE },
	{ "in the shape of a triangle", TOK_TRAIT, TRAIT_TRIANGLE },
	{ "shaped like a triangle", TOK_TRAIT, TRAIT_TRIANGLE },
	{ "circular", TOK_TRAIT, TRAIT_ROUND }, { "round", TOK_TRAIT, TRAIT_ROUND },
	{ "circle shaped", TOK_TRAIT, TRAIT_ROUND }, { "in the shape of a circle", TOK_TRAIT, TRAIT_ROUND },
	{ "shaped like a circle", TOK_TRAIT, TRAIT_ROUND },
	/* Off the ground, said of the last thing named (POSE__COUNT: see parse.c). */
	{ "in the air", TOK_POSE, POSE__COUNT }, { "through the air", TOK_POSE, POSE__COUNT },
	{ "into the air", TOK_POSE, POSE__COUNT }, { "in mid air", TOK_POSE, POSE__COUNT },
	{ "in midair", TOK_POSE, POSE__COUNT }, { "mid air", TOK_POSE, POSE__COUNT },
	{ "midair", TOK_POSE, POSE__COUNT }, { "out of the air", TOK_POSE, POSE__COUNT }, { "up in the air", TOK_POSE, POSE__COUNT },
	{ "half eaten", TOK_TRAIT, TRAIT_EATEN }, { "partially eaten", TOK_TRAIT, TRAIT_EATEN },
	{ "partly eaten", TOK_TRAIT, TRAIT_EATEN }, { "bitten", TOK_TRAIT, TRAIT_EATEN },
	{ "eaten", TOK_TRAIT, TRAIT_EATEN }, { "nibbled", TOK_TRAIT, TRAIT_EATEN },
	{ "with a bite taken out", TOK_TRAIT, TRAIT_EATEN },
	{ "with a bite taken out of it", TOK_TRAIT, TRAIT_EATEN },
	{ "with a bite out of it", TOK_TRAIT, TRAIT_EATEN },
	{ "with a bite taken from it", TOK_TRAIT, TRAIT_EATEN },
	{ "with a bite taken out of", TOK_TRAIT, TRAIT_EATEN },
	/* Two storeys: a bus drawn tall, not two buses. */
	{ "double decker", TOK_SIZE, SIZE_LARGE }, { "double deck", TOK_SIZE, SIZE_LARGE },
	{ "medieval", TOK_TRAIT, TRAIT_OLD }, { "victorian", TOK_TRAIT, TRAIT_OLD },
	{ "historic", TOK_TRAIT, TRAIT_OLD }, { "historical", TOK_TRAIT, TRAIT_OLD },
	{ "rusty", TOK_TRAIT, TRAIT_OLD }, { "rusted", TOK_TRAIT, TRAIT_OLD },
	{ "worn", TOK_TRAIT, TRAIT_OLD }, { "weathered", TOK_TRAIT, TRAIT_OLD },
	{ "decrepit", TOK_TRAIT, TRAIT_OLD }, { "battered", TOK_TRAIT, TRAIT_OLD },
	{ "dilapidated", TOK_TRAIT, TRAIT_OLD }, { "crumbling", TOK_TRAIT, TRAIT_OLD },
	{ "ruined", TOK_TRAIT, TRAIT_OLD }, { "aging", TOK_TRAIT, TRAIT_OLD },
	{ "ageing", TOK_TRAIT, TRAIT_OLD }, { "worn out", TOK_TRAIT, TRAIT_OLD },
	{ "run down", TOK_TRAIT, TRAIT_OLD }, { "beat up", TOK_TRAIT, TRAIT_OLD },
	{ "beaten up", TOK_TRAIT, TRAIT_OLD }, { "old fashioned", TOK_TRAIT, TRAIT_OLD },
	{ "old looking", TOK_TRAIT, TRAIT_OLD }, { "very old", TOK_TRAIT, TRAIT_OLD },
	{ "dirty", TOK_TRAIT, TRAIT_DIRTY }, { "muddy", TOK_TRAIT, TRAIT_DIRTY },
	{ "messy", TOK_TRAIT, TRAIT_DIRTY }, { "grimy", TOK_TRAIT, TRAIT_DIRTY },
	{ "dusty", TOK_TRAIT, TRAIT_DIRTY }, { "filthy", TOK_TRAIT, TRAIT_DIRTY },
	{ "stained", TOK_TRAIT, TRAIT_DIRTY }, { "soiled", TOK_TRAIT, TRAIT_DIRTY },
	{ "cluttered", TOK_TRAIT, TRAIT_DIRTY }, { "unmade", TOK_TRAIT, TRAIT_DIRTY },
	{ "untidy", TOK_TRAIT, TRAIT_DIRTY }, { "grubby", TOK_TRAIT, TRAIT_DIRTY },
	{ "disheveled", TOK_TRAIT, TRAIT_DIRTY }, { "dishevelled", TOK_TRAIT, TRAIT_DIRTY },
	{ "long", TOK_TRAIT, TRAIT_LONG }, { "elongated", TOK_TRAIT, TRAIT_LONG },
	{ "lengthy", TOK_TRAIT, TRAIT_LONG }, { "stretched", TOK_TRAIT, TRAIT_LONG },
	{ "broad", TOK_TRAIT, TRAIT_LONG }, { "fat", TOK_TRAIT, TRAIT_LONG },
	{ "chubby", TOK_TRAIT, TRAIT_LONG }, { "plump", TOK_TRAIT, TRAIT_LONG },
	{ "obese", TOK_TRAIT, TRAIT_LONG }, { "extra long", TOK_TRAIT, TRAIT_LONG },
	{ "very long", TOK_TRAIT, TRAIT_LONG }, { "thin", TOK_TRAIT, TRAIT_THIN },
	{ "skinny", TOK_TRAIT, TRAIT_THIN }, { "slim", TOK_TRAIT, TRAIT_THIN },
	{ "slender", TOK_TRAIT, TRAIT_THIN }, { "narrow", TOK_TRAIT, TRAIT_THIN },
	{ "lean", TOK_TRAIT, TRAIT_THIN }, { "scrawny", TOK_TRAIT, TRAIT_THIN },
};

/* Moods: the enhancer's adjectives, and their synonyms. Canonical first. */
static const char *const moods[] = {
	"vibrant", "serene", "whimsical", "dramatic", "cozy", "dreamy", "moody",
	"mysterious", "cheerful", "calm", "playful", "elegant", "majestic", "peaceful",
};
static const struct {
	const char *word;
	int mood;
} mood_aliases[] = {
	{ "cosy", 4 }, { "mystical", 7 }, { "tranquil", 1 }, { "happy", 8 }, { "joyful", 8 },
	{ "fantasy", 12 }, { "fantasy art", 12 }, { "high fantasy", 12 }, { "epic fantasy", 12 },
	{ "dnd", 12 }, { "d d", 12 }, { "d and d", 12 }, { "dungeons and dragons", 12 },
	{ "rpg", 12 }, { "lush", 0 }, { "friendly", 8 }, { "smiling", 8 }, { "grinning", 8 },
	{ "laughing", 8 }, { "cheery", 8 }, { "angry", 3 }, { "furious", 3 }, { "fierce", 3 },
	{ "crying", 6 }, { "gloomy", 6 }, { "scared", 7 }, { "confused", 2 }, { "colorful", 0 },
	{ "colourful", 0 }, { "bright", 0 }, { "vivid", 0 }, { "magical", 5 }, { "fun", 10 },
	{ "quiet", 13 }, { "epic", 12 }, { "minimal", 9 }, { "minimalist", 9 }, { "colors", 0 },
	{ "colours", 0 }, { "various colors", 0 }, { "different colors", 0 }, { "many colors", 0 },
	{ "bright colors", 0 }, { "vibrant colors", 0 }, { "multicolored", 0 },
	{ "multicoloured", 0 }, { "multi colored", 0 }, { "rainbow colored", 0 },
	{ "vivid colors", 0 },
	/* Moods said by their feel: each is graded into the picture's colours (post.c). */
	{ "creepy", 7 }, { "spooky", 7 }, { "eerie", 7 }, { "ominous", 7 }, { "sinister", 7 },
	{ "haunted", 7 }, { "haunting", 7 }, { "unsettling", 7 }, { "occult", 7 }, { "horror", 7 },
	{ "ethereal", 5 }, { "surreal", 2 }, { "surrealism", 2 }, { "surrealist", 2 },
	{ "dreamlike", 5 }, { "romantic", 5 }, { "psychedelic", 0 }, { "trippy", 0 },
	{ "gothic", 6 }, { "dystopian", 6 }, { "apocalyptic", 6 }, { "post apocalyptic", 6 },
	{ "melancholic", 6 }, { "melancholy", 6 }, { "sad", 6 }, { "lonely", 6 }, { "bleak", 6 },
	{ "grim", 6 }, { "dark fantasy", 6 }, { "baroque", 11 }, { "ornate", 11 },
	{ "elaborate", 11 }, { "decorative", 11 }, { "ornamental", 11 }, { "luxurious", 11 },
	{ "luxury", 11 }, { "fancy", 11 }, { "stylish", 11 }, { "fashionable", 11 },
	{ "classy", 11 }, { "sleek", 11 }, { "modern", 11 }, { "contemporary", 11 },
	{ "modernist", 11 }, { "mid century modern", 11 }, { "ultra modern", 11 }, { "grand", 12 }, { "heroic", 12 }, { "monumental", 12 },
	{ "awe inspiring", 12 }, { "breathtaking", 12 }, { "funny", 10 }, { "silly", 10 },
	{ "quirky", 2 }, { "rustic", 4 }, { "nostalgic", 4 }, { "homey", 4 }, { "idyllic", 13 },
	{ "regal", 12 }, { "royal", 12 }, { "autumn", 4 }, { "autumnal", 4 }, { "in autumn", 4 }, { "fall foliage", 4 }, { "tropical", 0 },
	{ "scenic", 1 }, { "picturesque", 1 }, { "pastoral", 13 }, { "pastel", 5 },
	{ "pastel colors", 5 }, { "pastel colours", 5 }, { "pale", 9 }, { "muted", 9 },
	{ "muted colors", 9 }, { "muted colours", 9 }, { "horrifying", 7 }, { "terrifying", 7 },
	{ "liminal", 7 }, { "strange", 2 }, { "weird", 2 }, { "bizarre", 2 }, { "odd", 2 },
	{ "evil", 7 }, { "scary", 7 }, { "mischievous", 10 }, { "desolate", 6 }, { "tranquility", 1 },
};

static const struct noun_entry nouns[] = {
	{ "cube", "cubes", OBJ_CUBE }, { "box", "boxes", OBJ_CUBE }, { "block", "blocks", OBJ_CUBE },
	{ "crate", "crates", OBJ_CUBE }, { "die", "dice", OBJ_CUBE },
	{ "sphere", "spheres", OBJ_SPHERE }, { "ball", "balls", OBJ_SPHERE },
	{ "orb", "orbs", OBJ_SPHERE }, { "globe", "globes", OBJ_SPHERE },
	{ "bubble", "bubbles", OBJ_SPHERE }, { "pearl", "pearls", OBJ_SPHERE },
	{ "beach ball", "beach balls", OBJ_SPHERE }, { "snowball", "snowballs", OBJ_SPHERE },
	{ "snow globe", "snow globes", OBJ_SPHERE },
	{ "cylinder", "cylinders", OBJ_CYLINDER }, { "pillar", "pillars", OBJ_CYLINDER },
	{ "column", "columns", OBJ_CYLINDER }, { "tube", "tubes", OBJ_CYLINDER },
	{ "drum", "drums", OBJ_CYLINDER }, { "barrel", "barrels", OBJ_CYLINDER },
	{ "pipe", "pipes", OBJ_CYLINDER }, { "disc", "discs", OBJ_CYLINDER },
	{ "disk", "disks", OBJ_CYLINDER },
	{ "cone", "cones", OBJ_CONE }, { "traffic cone", "traffic cones", OBJ_CONE },
	{ "party hat", "party hats", OBJ_CONE }, { "wizard hat", "wizard hats", OBJ_CONE },
	{ "torus", "tori", OBJ_TORUS }, { "torus", "toruses", OBJ_TORUS },
	{ "donut", "donuts", OBJ_TORUS }, { "doughnut", "doughnuts", OBJ_TORUS },
	{ "ring", "rings", OBJ_TORUS }, { "bagel", "bagels", OBJ_TORUS },
	{ "pyramid", "pyramids", OBJ_PYRAMID },
	{ "tree", "trees", OBJ_TREE }, { "pine tree", "pine trees", OBJ_TREE },
	{ "palm tree", "palm trees", OBJ_TREE }, { "oak tree", "oak trees", OBJ_TREE },
	{ "christmas tree", "christmas trees", OBJ_TREE }, { "pine", "pines", OBJ_TREE },
	{ "oak", "oaks", OBJ_TREE }, { "fir", "firs", OBJ_TREE },
	{ "house", "houses", OBJ_HOUSE }, { "home", "homes", OBJ_HOUSE },
	{ "cottage", "cottages", OBJ_HOUSE }, { "cabin", "cabins", OBJ_HOUSE },
	{ "hut", "huts", OBJ_HOUSE }, { "building", "buildings", OBJ_HOUSE },
	{ "snowman", "snowmen", OBJ_SNOWMAN }, { "snow man", "snow men", OBJ_SNOWMAN },
	{ "cup", "cups", OBJ_CUP }, { "mug", "mugs", OBJ_CUP }, { "teacup", "teacups", OBJ_CUP },
	{ "coffee cup", "coffee cups", OBJ_CUP }, { "tea cup", "tea cups", OBJ_CUP },
	{ "coffee mug", "coffee mugs", OBJ_CUP }, { "wine glass", "wine glasses", OBJ_CUP },
	{ "table", "tables", OBJ_TABLE }, { "desk", "desks", OBJ_TABLE },
	{ "canvas", "canvases", OBJ_SIGN }, { "great pyramid", "great pyramids", OBJ_PYRAMID },
	{ "nightstand", "nightstands", OBJ_CABINET }, { "night stand", "night stands", OBJ_CABINET },
	{ "bedside table", "bedside tables", OBJ_CABINET }, { "circle", "circles", OBJ_CYLINDER }, { "square", "squares", OBJ_CUBE },
	{ "triangle", "triangles", OBJ_PYRAMID },
	{ "rectangle", "rectangles", OBJ_CUBE }, { "cliff", "cliffs", OBJ_ROCK },
	{ "wildflower", "wildflowers", OBJ_FLOWER }, { "wild flower", "wild flowers", OBJ_FLOWER },
	{ "dining table", "dining tables", OBJ_TABLE }, { "kitchen table", "kitchen tables", OBJ_TABLE },
	{ "coffee table", "coffee tables", OBJ_TABLE }, { "picnic table", "picnic tables", OBJ_TABLE },
	{ "dinner table", "dinner tables", OBJ_TABLE }, { "side table", "side tables", OBJ_TABLE },
	{ "chair", "chairs", OBJ_CHAIR }, { "stool", "stools", OBJ_CHAIR },
	{ "armchair", "armchairs", OBJ_CHAIR }, { "seat", "seats", OBJ_CHAIR },
	{ "lamp", "lamps", OBJ_LAMP }, { "lantern", "lanterns", OBJ_LAMP },
	{ "street lamp", "street lamps", OBJ_LAMP }, { "streetlight", "streetlights", OBJ_LAMP },
	{ "lamppost", "lampposts", OBJ_LAMP }, { "lamp post", "lamp posts", OBJ_LAMP },
	{ "mushroom", "mushrooms", OBJ_MUSHROOM }, { "toadstool", "toadstools", OBJ_MUSHROOM },
	{ "fungus", "fungi", OBJ_MUSHROOM },
	{ "flower", "flowers", OBJ_FLOWER }, { "rose", "roses", OBJ_FLOWER },
	{ "tulip", "tulips", OBJ_FLOWER }, { "daisy", "daisies", OBJ_FLOWER },
	{ "sunflower", "sunflowers", OBJ_FLOWER }, { "blossom", "blossoms", OBJ_FLOWER },
	{ "lily", "lilies", OBJ_FLOWER },
	{ "cactus", "cacti", OBJ_CACTUS }, { "cactus", "cactuses", OBJ_CACTUS },
	{ "rocket", "rockets", OBJ_ROCKET }, { "spaceship", "spaceships", OBJ_ROCKET },
	{ "space ship", "space ships", OBJ_ROCKET }, { "rocketship", "rocketships", OBJ_ROCKET },
	{ "space shuttle", "space shuttles", OBJ_ROCKET },
	{ "robot", "robots", OBJ_ROBOT }, { "android", "androids", OBJ_ROBOT },
	{ "droid", "droids", OBJ_ROBOT }, { "bot", "bots", OBJ_ROBOT },
	{ "car", "cars", OBJ_CAR }, { "automobile", "automobiles", OBJ_CAR },
	{ "sports car", "sports cars", OBJ_CAR }, { "taxi", "taxis", OBJ_CAR },
	{ "jeep", "jeeps", OBJ_CAR }, { "truck", "trucks", OBJ_CAR }, { "van", "vans", OBJ_CAR },
	{ "boat", "boats", OBJ_BOAT }, { "ship", "ships", OBJ_BOAT },
	{ "sailboat", "sailboats", OBJ_BOAT }, { "sail boat", "sail boats", OBJ_BOAT },
	{ "yacht", "yachts", OBJ_BOAT }, { "canoe", "canoes", OBJ_BOAT },
	{ "lighthouse", "lighthouses", OBJ_LIGHTHOUSE },
	{ "light house", "light houses", OBJ_LIGHTHOUSE },
	{ "castle", "castles", OBJ_CASTLE }, { "palace", "palaces", OBJ_CASTLE },
	{ "fortress", "fortresses", OBJ_CASTLE }, { "fort", "forts", OBJ_CASTLE },
	{ "planet", "planets", OBJ_PLANET }, { "earth", "earths", OBJ_PLANET },
	{ "saturn", "saturns", OBJ_PLANET }, { "jupiter", "jupiters", OBJ_PLANET },
	{ "mars", "mars", OBJ_PLANET },
	{ "moon", "moons", OBJ_MOON }, { "full moon", "full moons", OBJ_MOON },
	{ "crescent moon", "crescent moons", OBJ_MOON }, { "crescent", "crescents", OBJ_MOON },
	{ "sun", "suns", OBJ_SUN },
	{ "cloud", "clouds", OBJ_CLOUD },
	{ "mountain", "mountains", OBJ_MOUNTAIN }, { "hill", "hills", OBJ_MOUNTAIN },
	{ "peak", "peaks", OBJ_MOUNTAIN }, { "volcano", "volcanoes", OBJ_MOUNTAIN },
	{ "rock", "rocks", OBJ_ROCK }, { "boulder", "boulders", OBJ_ROCK },
	{ "pebble", "pebbles", OBJ_ROCK },
	{ "candle", "candles", OBJ_CANDLE },
	{ "bottle", "bottles", OBJ_BOTTLE }, { "jar", "jars", OBJ_BOTTLE },
	{ "flask", "flasks", OBJ_BOTTLE },
	{ "vase", "vases", OBJ_VASE }, { "pot", "pots", OBJ_VASE }, { "urn", "urns", OBJ_VASE },
	{ "flower pot", "flower pots", OBJ_VASE }, { "flowerpot", "flowerpots", OBJ_VASE },
	{ "apple", "apples", OBJ_APPLE },
	{ "cake", "cakes", OBJ_CAKE }, { "cupcake", "cupcakes", OBJ_CAKE },
	{ "birthday cake", "birthday cakes", OBJ_CAKE }, { "pie", "pies", OBJ_CAKE },
	{ "heart", "hearts", OBJ_HEART },
	{ "umbrella", "umbrellas", OBJ_UMBRELLA }, { "parasol", "parasols", OBJ_UMBRELLA },
	{ "teapot", "teapots", OBJ_TEAPOT }, { "tea pot", "tea pots", OBJ_TEAPOT },
	{ "kettle", "kettles", OBJ_TEAPOT },
	{ "bench", "benches", OBJ_BENCH }, { "park bench", "park benches", OBJ_BENCH },
	{ "tower", "towers", OBJ_TOWER }, { "skyscraper", "skyscrapers", OBJ_TOWER },
	{ "clock tower", "clock towers", OBJ_TOWER },
	{ "bridge", "bridges", OBJ_BRIDGE },
	{ "windmill", "windmills", OBJ_WINDMILL },
	{ "tent", "tents", OBJ_TENT },
	{ "balloon", "balloons", OBJ_BALLOON },
	{ "hot air balloon", "hot air balloons", OBJ_BALLOON },
	{ "gift", "gifts", OBJ_GIFT }, { "present", "presents", OBJ_GIFT },
	{ "gift box", "gift boxes", OBJ_GIFT }, { "parcel", "parcels", OBJ_GIFT },
	{ "package", "packages", OBJ_GIFT },
	{ "fence", "fences", OBJ_FENCE },
	{ "lollipop", "lollipops", OBJ_LOLLIPOP }, { "candy", "candies", OBJ_LOLLIPOP },
	{ "sweet", "sweets", OBJ_LOLLIPOP }, { "lolly", "lollies", OBJ_LOLLIPOP },
	{ "star", "stars", OBJ_STAR },
	/* everyday rooms and streets (settings helper) */
	{ "refrigerator", "refrigerators", OBJ_FRIDGE }, { "fridge", "fridges", OBJ_FRIDGE },
	{ "freezer", "freezers", OBJ_FRIDGE },
	{ "oven", "ovens", OBJ_OVEN }, { "stove", "stoves", OBJ_OVEN },
	{ "cooker", "cookers", OBJ_OVEN }, { "kitchen stove", "kitchen stoves", OBJ_OVEN },
	{ "gas stove", "gas stoves", OBJ_OVEN }, { "stovetop", "stovetops", OBJ_OVEN },
	{ "microwave", "microwaves", OBJ_MICROWAVE },
	{ "microwave oven", "microwave ovens", OBJ_MICROWAVE },
	{ "sink", "sinks", OBJ_SINK }, { "kitchen sink", "kitchen sinks", OBJ_SINK },
	{ "bathroom sink", "bathroom sinks", OBJ_SINK }, { "washbasin", "washbasins", OBJ_SINK },
	{ "counter", "counters", OBJ_COUNTER }, { "countertop", "countertops", OBJ_COUNTER },
	{ "kitchen counter", "kitchen counters", OBJ_COUNTER },
	{ "worktop", "worktops", OBJ_COUNTER },
	{ "fire hydrant", "fire hydrants", OBJ_HYDRANT }, { "hydrant", "hydrants", OBJ_HYDRANT },
	{ "bookshelf", "bookshelves", OBJ_BOOKSHELF }, { "bookcase", "bookcases", OBJ_BOOKSHELF },
	{ "shelf", "shelves", OBJ_BOOKSHELF }, { "library", "libraries", OBJ_BOOKSHELF },
	{ "bookstore", "bookstores", OBJ_BOOKSHELF }, { "book shelf", "book shelves", OBJ_BOOKSHELF },
	{ "cabinet", "cabinets", OBJ_CABINET }, { "cupboard", "cupboards", OBJ_CABINET },
	{ "kitchen cabinet", "kitchen cabinets", OBJ_CABINET },
	{ "dresser", "dressers", OBJ_CABINET },
	{ "rug", "rugs", OBJ_RUG }, { "carpet", "carpets", OBJ_RUG }, { "mat", "mats", OBJ_RUG },
	{ "mountain range", "mountain ranges", OBJ_MOUNTAIN },
	{ "mountains range", "mountains ranges", OBJ_MOUNTAIN }, { "range of mountains", "ranges of mountains", OBJ_MOUNTAIN },
	{ "display case", "display cases", OBJ_CABINET },
	{ "display cabinet", "display cabinets", OBJ_CABINET },
	/* Cloth that lies flat: drawn as one. */
	{ "blanket", "blankets", OBJ_RUG }, { "picnic blanket", "picnic blankets", OBJ_RUG }, { "towel", "towels", OBJ_RUG },
	{ "tablecloth", "tablecloths", OBJ_RUG }, { "table cloth", "table cloths", OBJ_RUG },
	{ "quilt", "quilts", OBJ_RUG }, { "duvet", "duvets", OBJ_RUG },
	{ "comforter", "comforters", OBJ_RUG }, { "bedspread", "bedspreads", OBJ_RUG },
	{ "bed sheet", "bed sheets", OBJ_RUG }, { "bedsheet", "bedsheets", OBJ_RUG },
	{ "pillow", "pillows", OBJ_PILLOW }, { "cushion", "cushions", OBJ_PILLOW },
	{ "surfboard", "surfboards", OBJ_SURFBOARD }, { "surf board", "surf boards", OBJ_SURFBOARD },
	{ "paddle board", "paddle boards", OBJ_SURFBOARD },
	{ "paddleboard", "paddleboards", OBJ_SURFBOARD },
	{ "boogie board", "boogie boards", OBJ_SURFBOARD },
	{ "bodyboard", "bodyboards", OBJ_SURFBOARD },
	{ "parking meter", "parking meters", OBJ_PARKING_METER },
	{ "parking metre", "parking metres", OBJ_PARKING_METER },
	{ "toaster", "toasters", OBJ_TOASTER }, { "toaster oven", "toaster ovens", OBJ_TOASTER },
	{ "hair dryer", "hair dryers", OBJ_HAIR_DRYER }, { "hair drier", "hair driers", OBJ_HAIR_DRYER },
	{ "hairdryer", "hairdryers", OBJ_HAIR_DRYER }, { "blow dryer", "blow dryers", OBJ_HAIR_DRYER },
	{ "blow drier", "blow driers", OBJ_HAIR_DRYER },
	{ "ramp", "ramps", OBJ_RAMP }, { "skate ramp", "skate ramps", OBJ_RAMP },
	{ "half pipe", "half pipes", OBJ_RAMP }, { "halfpipe", "halfpipes", OBJ_RAMP },
	/* Surfaces for text (signs.c draws each noun's look). */
	{ "sign", "signs", OBJ_SIGN }, { "signboard", "signboards", OBJ_SIGN },
	{ "signpost", "signposts", OBJ_SIGN }, { "board", "boards", OBJ_SIGN },
	{ "placard", "placards", OBJ_SIGN }, { "plaque", "plaques", OBJ_SIGN },
	{ "billboard", "billboards", OBJ_SIGN }, { "noticeboard", "noticeboards", OBJ_SIGN },
	{ "blackboard", "blackboards", OBJ_SIGN }, { "chalkboard", "chalkboards", OBJ_SIGN },
	{ "whiteboard", "whiteboards", OBJ_SIGN }, { "banner", "banners", OBJ_SIGN },
	{ "poster", "posters", OBJ_SIGN }, { "text", "texts", OBJ_SIGN },
	{ "title", "titles", OBJ_SIGN }, { "logo", "logos", OBJ_SIGN },
	{ "caption", "captions", OBJ_SIGN }, { "headline", "headlines", OBJ_SIGN },
	{ "lettering", "letterings", OBJ_SIGN }, { "graffiti", "graffitis", OBJ_SIGN },
	/*
	 * Landmarks (shapes.c draws each one). Their phrases are longer than
	 * "tower", "bridge" or "house", so the longest match picks them; "the"
	 * before one is the article.
	 */
	{ "eiffel tower", "eiffel towers", OBJ_EIFFEL_TOWER },
	{ "tour eiffel", "tours eiffel", OBJ_EIFFEL_TOWER },
	{ "big ben", "big bens", OBJ_BIG_BEN }, { "elizabeth tower", "elizabeth towers", OBJ_BIG_BEN },
	{ "big ben clock tower", "big ben clock towers", OBJ_BIG_BEN },
	{ "golden gate bridge", "golden gate bridges", OBJ_GOLDEN_GATE },
	{ "golden gate", "golden gates", OBJ_GOLDEN_GATE },
	{ "taj mahal", "taj mahals", OBJ_TAJ_MAHAL },
	{ "sydney opera house", "sydney opera houses", OBJ_SYDNEY_OPERA_HOUSE },
	{ "opera house", "opera houses", OBJ_SYDNEY_OPERA_HOUSE },
	{ "colosseum", "colosseums", OBJ_COLOSSEUM }, { "coliseum", "coliseums", OBJ_COLOSSEUM },
	{ "roman colosseum", "roman colosseums", OBJ_COLOSSEUM },
	{ "leaning tower of pisa", "leaning towers of pisa", OBJ_LEANING_TOWER },
	{ "tower of pisa", "towers of pisa", OBJ_LEANING_TOWER },
	{ "leaning tower", "leaning towers", OBJ_LEANING_TOWER },
	{ "pisa tower", "pisa towers", OBJ_LEANING_TOWER },
	{ "stonehenge", "stonehenges", OBJ_STONEHENGE },
	{ "stone circle", "stone circles", OBJ_STONEHENGE },
	{ "dishwasher", "dishwashers", OBJ_DISHWASHER }, { "dish washer", "dish washers", OBJ_DISHWASHER },
	{ "washing machine", "washing machines", OBJ_WASHING_MACHINE },
	{ "washer", "washers", OBJ_WASHING_MACHINE },
	{ "laundry machine", "laundry machines", OBJ_WASHING_MACHINE },
	{ "branch", "branches", OBJ_BRANCH }, { "tree branch", "tree branches", OBJ_BRANCH },
	{ "bough", "boughs", OBJ_BRANCH }, { "twig", "twigs", OBJ_BRANCH },
	{ "fireplace", "fireplaces", OBJ_FIREPLACE }, { "hearth", "hearths", OBJ_FIREPLACE },
	{ "fire place", "fire places", OBJ_FIREPLACE },
	{ "waterfall", "waterfalls", OBJ_WATERFALL }, { "waterfalls", "waterfalls", OBJ_WATERFALL },
	{ "cascade", "cascades", OBJ_WATERFALL }, { "falls", "falls", OBJ_WATERFALL },
	{ "great wall", "great walls", OBJ_GREAT_WALL },
	{ "great wall of china", "great walls of china", OBJ_GREAT_WALL },
	{ "chinese wall", "chinese walls", OBJ_GREAT_WALL },
	/* End of the landmarks. */
};

/* Linear-light values of the sRGB shades the names usually mean. */
static const struct color_entry colors[] = {
	{ "black", { 0.0116f, 0.0116f, 0.0116f } },
	{ "white", { 0.8879f, 0.8879f, 0.8879f } },
	{ "red", { 0.6724f, 0.0212f, 0.0212f } },
	{ "green", { 0.0273f, 0.3419f, 0.0578f } },
	{ "yellow", { 0.9131f, 0.6445f, 0.0030f } },
	{ "blue", { 0.0137f, 0.1144f, 0.6724f } },
	{ "brown", { 0.1981f, 0.0685f, 0.0194f } },
	{ "orange", { 0.8714f, 0.2016f, 0.0091f } },
	{ "pink", { 0.8879f, 0.2623f, 0.4793f } },
	{ "purple", { 0.2051f, 0.0452f, 0.4621f } },
	{ "grey", { 0.2542f, 0.2542f, 0.2542f } },
	{ "navy", { 0.0110f, 0.0232f, 0.1470f } },
	{ "teal", { 0.0103f, 0.2542f, 0.2542f } },
	{ "crimson", { 0.4793f, 0.0052f, 0.0273f } },
	{ "gold", { 0.6584f, 0.3515f, 0.0086f } },
	{ "turquoise", { 0.0296f, 0.5841f, 0.5271f } },
	{ "maroon", { 0.1946f, 0.0137f, 0.0242f } },
	{ "olive", { 0.2051f, 0.2122f, 0.0232f } },
	{ "lime", { 0.2747f, 0.6724f, 0.0296f } },
	{ "coral", { 1.0000f, 0.2122f, 0.1195f } },
	{ "salmon", { 0.9047f, 0.2831f, 0.1946f } },
	{ "lavender", { 0.4851f, 0.3613f, 0.7682f } },
	{ "beige", { 0.7682f, 0.6514f, 0.4342f } },
	{ "ivory", { 0.9216f, 0.8714f, 0.7157f } },
	{ "magenta", { 0.6584f, 0.0232f, 0.3515f } },
	{ "cyan", { 0.0273f, 0.5520f, 0.7913f } },
	{ "indigo", { 0.0497f, 0.0232f, 0.3231f } },
	{ "violet", { 0.2747f, 0.0782f, 0.6724f } },
	{ "amber", { 0.8879f, 0.3763f, 0.0080f } },
	{ "mint", { 0.3278f, 0.7682f, 0.5457f } },
	{ "peach", { 1.0000f, 0.5271f, 0.3231f } },
	{ "silver", { 0.5271f, 0.5520f, 0.5776f } },
	{ "charcoal", { 0.0369f, 0.0409f, 0.0467f } },
	{ "emerald", { 0.0056f, 0.3231f, 0.1022f } },
	{ "ruby", { 0.3916f, 0.0052f, 0.0284f } },
	{ "sky blue", { 0.2086f, 0.5271f, 0.8550f } },
	{ "cream", { 0.8963f, 0.8070f, 0.5776f } },
	{ "tan", { 0.5776f, 0.3864f, 0.1946f } },
	{ "light blue", { 0.3325f, 0.5711f, 0.8714f } },
	{ "dark blue", { 0.0086f, 0.0423f, 0.2542f } },
	{ "light green", { 0.3419f, 0.7454f, 0.2542f } },
	{ "dark green", { 0.0123f, 0.1022f, 0.0232f } },
	{ "hot pink", { 1.0000f, 0.0782f, 0.3663f } },
	{ "scarlet", { 0.7454f, 0.0296f, 0.0130f } },
	{ "aqua", { 0.0497f, 0.6867f, 0.7454f } },
	{ "burgundy", { 0.1946f, 0.0103f, 0.0296f } },
	{ "bronze", { 0.4342f, 0.1912f, 0.0423f } },
	{ "copper", { 0.5271f, 0.1620f, 0.0423f } },
	{ "sand", { 0.7157f, 0.5711f, 0.3231f } },
};

/* Other spellings of a colour; the scene keeps the canonical name. */
static const struct {
	const char *word, *name;
} color_aliases[] = {
	{ "gray", "grey" }, { "navy blue", "navy" }, { "caramel colored", "tan" },
	{ "caramel coloured", "tan" }, { "caramel", "tan" }, { "honey colored", "amber" },
	{ "rust colored", "orange" }, { "rust coloured", "orange" }, { "baby blue", "light blue" },
	{ "pale blue", "light blue" }, { "forest green", "dark green" }, { "aquamarine", "aqua" },
	{ "lilac", "lavender" }, { "fuchsia", "magenta" }, { "off white", "ivory" },
	{ "jet black", "black" }, { "snow white", "white" }, { "blood red", "crimson" },
	{ "cherry red", "red" }, { "lemon yellow", "yellow" }, { "bright red", "red" },
	{ "bright blue", "blue" }, { "bright green", "green" }, { "bright yellow", "yellow" },
	{ "sky coloured", "sky blue" }, { "light grey", "silver" }, { "light gray", "silver" },
	{ "dark grey", "charcoal" }, { "dark gray", "charcoal" }, { "dark red", "maroon" },
	{ "pastel pink", "pink" }, { "bright pink", "hot pink" }, { "sea green", "teal" },
};

/* Other ways to name a style preset (its id and title are matched as well). */
static const struct {
	const char *phrase, *id;
} style_aliases[] = {
	{ "pencil sketch", "sketch" }, { "pencil drawing", "sketch" }, { "sketched", "sketch" },
	{ "line art", "sketch" }, { "graphite", "sketch" },
	{ "watercolour", "watercolor" }, { "water color", "watercolor" },
	{ "water colour", "watercolor" }, { "watercolour painting", "watercolor" },
	{ "watercolor painting", "watercolor" },
	{ "oil paint", "oil-painting" }, { "oil painted", "oil-painting" },
	{ "oil on canvas", "oil-painting" },
	{ "pixel", "pixel-art" }, { "pixelated", "pixel-art" }, { "pixels", "pixel-art" },
	{ "8 bit", "pixel-art" }, { "16 bit", "pixel-art" }, { "retro game", "pixel-art" },
	{ "clay animation", "claymation" }, { "plasticine", "claymation" },
	{ "stop motion", "claymation" },
	{ "blueprints", "blueprint" }, { "technical drawing", "blueprint" },
	{ "pop art", "pop-art" }, { "warhol", "pop-art" },
	{ "vintage photograph", "vintage-photo" }, { "old photo", "vintage-photo" },
	{ "old photograph", "vintage-photo" }, { "sepia", "vintage-photo" },
	{ "retro photo", "vintage-photo" }, { "vintage", "vintage-photo" },
	{ "lowpoly", "low-poly" }, { "polygonal", "low-poly" },
	{ "comic book", "comic" }, { "comics", "comic" }, { "cartoon", "comic" },
	{ "anime", "comic" }, { "manga", "comic" }, { "cartoonish", "comic" }, { "cel shaded", "comic" },
	{ "animated", "comic" }, { "graphic novel", "comic" }, { "webcomic", "comic" },
	{ "painting", "oil-painting" }, { "paintings", "oil-painting" }, { "painting of", "oil-painting" },
	{ "a painting of", "oil-painting" }, { "drawing of", "sketch" }, { "a drawing of", "sketch" },
	{ "a sketch of", "sketch" }, { "sketch of", "sketch" }, { "a watercolor of", "watercolor" }, 
	{ "oil painting", "oil-painting" }, { "matte painting", "oil-painting" },
	{ "digital painting", "oil-painting" }, { "impressionist", "oil-painting" },
	{ "impressionism", "oil-painting" }, { "acrylic", "oil-painting" }, { "on canvas", "oil-painting" },
	{ "drawing", "sketch" }, { "drawn", "sketch" }, { "pencil", "sketch" }, { "charcoal", "sketch" },
	{ "ink drawing", "sketch" }, { "doodle", "sketch" }, { "gouache", "watercolor" },
	{ "polaroid", "vintage-photo" }, { "film photo", "vintage-photo" },
	{ "vintage photo", "vintage-photo" }, { "black and white photo", "vintage-photo" },
	{ "black and white photograph", "vintage-photo" }, { "black and white image", "vintage-photo" },
	{ "black and white picture", "vintage-photo" }, { "black and white film", "vintage-photo" },
	{ "black and white photography", "vintage-photo" },
	{ "toy diorama", "isometric-toy" }, { "diorama", "isometric-toy" },
	{ "tilt shift", "isometric-toy" },
	{ "postcard", "parisian-postcard" }, { "parisian", "parisian-postcard" },
	{ "paris postcard", "parisian-postcard" }, { "vintage postcard", "parisian-postcard" },
	{ "gingerbread house style", "gingerbread" }, { "iced gingerbread", "gingerbread" },
	/*
	 * Artists people name for a look: each drawn in the preset nearest to how
	 * they paint, which the enhanced prompt then names ("in oil painting
	 * style"), never as their own style.
	 */
	{ "greg rutkowski", "oil-painting" }, { "rutkowski", "oil-painting" },
	{ "van gogh", "oil-painting" }, { "vincent van gogh", "oil-painting" },
	{ "monet", "oil-painting" }, { "claude monet", "oil-painting" }, { "rembrandt", "oil-painting" },
	{ "vermeer", "oil-painting" }, { "bouguereau", "oil-painting" },
	{ "william adolphe bouguereau", "oil-painting" }, { "beksinski", "oil-painting" },
	{ "zdzislaw beksinski", "oil-painting" }, { "thomas kinkade", "oil-painting" },
	{ "john singer sargent", "oil-painting" }, { "edward hopper", "oil-painting" },
	{ "leyendecker", "oil-painting" }, { "joseph leyendecker", "oil-painting" },
	{ "norman rockwell", "oil-painting" }, { "gaston bussiere", "oil-painting" },
	{ "craig mullins", "oil-painting" }, { "james gurney", "oil-painting" },
	{ "marc simonetti", "oil-painting" }, { "peter mohrbacher", "oil-painting" },
	{ "ruan jia", "oil-painting" }, { "wlop", "oil-painting" }, { "magali villeneuve", "oil-painting" },
	{ "artgerm", "comic" }, { "stanley artgerm lau", "comic" }, { "stanley artgerm", "comic" },
	{ "ilya kuvshinov", "comic" }, { "kuvshinov", "comic" }, { "makoto shinkai", "comic" },
	{ "studio ghibli", "comic" }, { "ghibli", "comic" }, { "hayao miyazaki", "comic" },
	{ "miyazaki", "comic" }, { "moebius", "comic" }, { "jean giraud", "comic" },
	{ "rossdraws", "comic" }, { "loish", "comic" }, { "sakimichan", "comic" },
	{ "charlie bowater", "comic" }, { "mike mignola", "comic" }, { "pixar", "claymation" },
	{ "alphonse mucha", "parisian-postcard" }, { "mucha", "parisian-postcard" },
	{ "art nouveau", "parisian-postcard" }, { "andy warhol", "pop-art" },
	{ "roy lichtenstein", "pop-art" }, { "lichtenstein", "pop-art" },
	/* More painters, illustrators, studios and looks image-model users name. */
	{ "lois van baarle", "oil-painting" }, { "alena aenami", "oil-painting" },
	{ "mandy jurgens", "oil-painting" }, { "kentaro miura", "oil-painting" },
	{ "yoshitaka amano", "oil-painting" }, { "arthur rackham", "oil-painting" },
	{ "stephan martiniere", "oil-painting" }, { "dylan cole", "oil-painting" },
	{ "ryan church", "oil-painting" }, { "artemisia gentileschi", "oil-painting" },
	{ "edgar degas", "oil-painting" }, { "degas", "oil-painting" },
	{ "pierre auguste renoir", "oil-painting" }, { "renoir", "oil-painting" },
	{ "paul cezanne", "oil-painting" }, { "cezanne", "oil-painting" },
	{ "henri matisse", "oil-painting" }, { "matisse", "oil-painting" },
	{ "pablo picasso", "oil-painting" }, { "picasso", "oil-painting" },
	{ "georges seurat", "oil-painting" }, { "seurat", "oil-painting" },
	{ "camille pissarro", "oil-painting" }, { "jackson pollock", "oil-painting" },
	{ "pollock", "oil-painting" }, { "frida kahlo", "oil-painting" },
	{ "diego rivera", "oil-painting" }, { "andrew wyeth", "oil-painting" },
	{ "mary cassatt", "oil-painting" }, { "john constable", "oil-painting" },
	{ "thomas gainsborough", "oil-painting" }, { "gustave courbet", "oil-painting" },
	{ "jean francois millet", "oil-painting" }, { "claude lorrain", "oil-painting" },
	{ "nicolas poussin", "oil-painting" }, { "max ernst", "oil-painting" },
	{ "giorgio de chirico", "oil-painting" }, { "marc chagall", "oil-painting" },
	{ "chagall", "oil-painting" }, { "amedeo modigliani", "oil-painting" },
	{ "modigliani", "oil-painting" }, { "paul gauguin", "oil-painting" },
	{ "gauguin", "oil-painting" }, { "tamara de lempicka", "oil-painting" },
	{ "greg manchess", "oil-painting" }, { "sergey kolesov", "oil-painting" },
	{ "nicola samori", "oil-painting" }, { "jan van eyck", "oil-painting" },
	{ "van eyck", "oil-painting" }, { "johannes vermeer", "oil-painting" },
	{ "sandro botticelli", "oil-painting" }, { "botticelli", "oil-painting" },
	{ "tintoretto", "oil-painting" }, { "paolo veronese", "oil-painting" },
	{ "veronese", "oil-painting" }, { "jacques louis david", "oil-painting" },
	{ "eugene delacroix", "oil-painting" }, { "delacroix", "oil-painting" },
	{ "john everett millais", "oil-painting" }, { "dante gabriel rossetti", "oil-painting" },
	{ "rossetti", "oil-painting" }, { "lawrence alma tadema", "oil-painting" },
	{ "alma tadema", "oil-painting" }, { "alphonse maria mucha", "oil-painting" },
	{ "frederic edwin church", "oil-painting" }, { "thomas moran", "oil-painting" },
	{ "hubert robert", "oil-painting" }, { "arkhip kuindzhi", "oil-painting" },
	{ "kuindzhi", "oil-painting" }, { "isaac levitan", "oil-painting" },
	{ "vasily vereshchagin", "oil-painting" }, { "ilya kuvshinov painting", "oil-painting" },
	{ "daniel gerhartz", "oil-painting" }, { "alex grey", "oil-painting" },
	{ "alexandre cabanel", "oil-painting" }, { "cabanel", "oil-painting" },
	{ "william bouguereau", "oil-painting" }, { "adolphe bouguereau", "oil-painting" },
	{ "bouguereau painting", "oil-painting" }, { "tom lovell", "oil-painting" },
	{ "greg staples", "oil-painting" }, { "michael komarck", "oil-painting" },
	{ "willem claesz heda", "oil-painting" }, { "bruce pennington", "oil-painting" },
	{ "peter elson", "oil-painting" }, { "chris foss", "oil-painting" },
	{ "john berkey", "oil-painting" }, { "frank frazetta painting", "oil-painting" },
	{ "jeff easley", "oil-painting" }, { "larry elmore", "oil-painting" },
	{ "keith parkinson", "oil-painting" }, { "todd lockwood", "oil-painting" },
	{ "wayne reynolds", "oil-painting" }, { "paul bonner", "oil-painting" },
	{ "adrian smith", "oil-painting" }, { "ian miller", "oil-painting" },
	{ "john blanche", "oil-painting" }, { "alex ross", "oil-painting" },
	{ "brom painting", "oil-painting" }, { "ruan jia painting", "oil-painting" },
	{ "eytan zana", "oil-painting" }, { "finnian macmanus", "oil-painting" },
	{ "cedric peyravernay", "oil-painting" }, { "paul chadeisson", "oil-painting" },
	{ "denis sarazhin", "oil-painting" }, { "tomasz alen kopera", "oil-painting" },
	{ "alvaro castagnet", "oil-painting" }, { "kim jung gi", "oil-painting" },
	{ "edward robert hughes", "oil-painting" }, { "john atkinson grimshaw", "oil-painting" },
	{ "grimshaw", "oil-painting" }, { "gil elvgren", "oil-painting" },
	{ "elvgren", "oil-painting" }, { "walton ford", "oil-painting" },
	{ "ernst haeckel", "oil-painting" }, { "haeckel", "oil-painting" },
	{ "john albert aublet", "oil-painting" }, { "artem demura", "oil-painting" },
	{ "alfred stevens", "oil-painting" }, { "emil nolde", "oil-painting" },
	{ "tom thomson", "oil-painting" }, { "lawren harris", "oil-painting" },
	{ "range murata", "comic" }, { "junji ito", "comic" }, { "hirohiko araki", "comic" },
	{ "jojo", "comic" }, { "akihiko yoshida", "comic" }, { "tetsuya nomura", "comic" },
	{ "osamu tezuka", "comic" }, { "naoko takeuchi", "comic" },
	{ "rumiko takahashi", "comic" }, { "ken sugimori", "comic" }, { "ralph bakshi", "comic" },
	{ "don bluth", "comic" }, { "genndy tartakovsky", "comic" }, { "bruce timm", "comic" },
	{ "carl barks", "comic" }, { "laurie greasley", "comic" }, { "james gilleard", "comic" },
	{ "tomer hanuka", "comic" }, { "nixeu", "comic" }, { "wlop comic", "comic" },
	{ "hajime sorayama", "comic" }, { "yusuke murata", "comic" }, { "eiichiro oda", "comic" },
	{ "masashi kishimoto", "comic" }, { "naoki urasawa", "comic" }, { "satoshi kon", "comic" },
	{ "mamoru hosoda", "comic" }, { "kyoto animation", "comic" }, { "ufotable", "comic" },
	{ "studio trigger", "comic" }, { "madhouse", "comic" }, { "cory loftis", "comic" },
	{ "lois van baarle comic", "comic" }, { "sana takeda", "comic" },
	{ "yoshitaka amano comic", "comic" }, { "josan gonzalez", "comic" },
	{ "kilian eng", "comic" }, { "mcbess", "comic" }, { "dan hillier", "comic" },
	{ "ross draws", "comic" }, { "rossdraws comic", "comic" },
	{ "patrick lamontagne", "comic" }, { "laurel d austin", "comic" },
	{ "ilya kuvshinov style", "comic" }, { "anime key visual", "comic" },
	{ "key visual", "comic" }, { "manga cover", "comic" }, { "shonen", "comic" },
	{ "shojo", "comic" }, { "chibi", "comic" }, { "edmund dulac", "watercolor" },
	{ "kay nielsen", "watercolor" }, { "ivan bilibin", "watercolor" },
	{ "brian froud", "watercolor" }, { "beatrix potter style", "watercolor" },
	{ "jon klassen", "watercolor" }, { "oliver jeffers", "watercolor" },
	{ "mary blair", "watercolor" }, { "eyvind earle", "watercolor" },
	{ "ink and wash", "watercolor" }, { "gouache painting", "watercolor" },
	{ "albrecht dürer", "sketch" }, { "gustave doré", "sketch" }, { "john tenniel", "sketch" },
	{ "aubrey beardsley", "sketch" }, { "beardsley", "sketch" },
	{ "franklin booth", "sketch" }, { "bernie wrightson", "sketch" },
	{ "kim jung gi sketch", "sketch" }, { "charcoal drawing", "sketch" },
	{ "ink sketch", "sketch" }, { "pen and ink", "sketch" }, { "cross hatching", "sketch" },
	{ "crosshatching", "sketch" }, { "wassily kandinsky", "pop-art" },
	{ "kandinsky", "pop-art" }, { "piet mondrian", "pop-art" }, { "mondrian", "pop-art" },
	{ "mark rothko", "pop-art" }, { "rothko", "pop-art" }, { "joan miro", "pop-art" },
	{ "miro", "pop-art" }, { "keith haring style", "pop-art" },
	{ "jean michel basquiat", "pop-art" }, { "basquiat", "pop-art" },
	{ "david hockney", "pop-art" }, { "hockney", "pop-art" },
	{ "shepard fairey style", "pop-art" }, { "hiroshige", "parisian-postcard" },
	{ "kawase hasui", "parisian-postcard" }, { "utagawa kuniyoshi", "parisian-postcard" },
	{ "toulouse lautrec", "parisian-postcard" },
	{ "henri de toulouse lautrec", "parisian-postcard" },
	{ "william morris", "parisian-postcard" }, { "cassandre", "parisian-postcard" },
	{ "art nouveau poster", "parisian-postcard" }, { "travel poster", "parisian-postcard" },
	{ "propaganda poster", "parisian-postcard" }, { "soviet poster", "parisian-postcard" },
	{ "film grain", "vintage-photo" }, { "kodak portra", "vintage-photo" },
	{ "portra 400", "vintage-photo" }, { "kodachrome", "vintage-photo" },
	{ "ektachrome", "vintage-photo" }, { "tintype", "vintage-photo" },
	{ "wet plate", "vintage-photo" }, { "wetplate", "vintage-photo" },
	{ "daguerreotype photo", "vintage-photo" }, { "old film", "vintage-photo" },
	{ "super 8", "vintage-photo" }, { "8mm film", "vintage-photo" },
	{ "16mm", "vintage-photo" }, { "polygon art", "low-poly" }, { "faceted", "low-poly" },
	{ "aardman style", "claymation" }, { "wallace and gromit", "claymation" },
	{ "laika studios", "claymation" }, { "coraline", "claymation" }, { "vaporware", "neon" },
	{ "cyberwave", "neon" }, { "retrowave", "neon" }, { "tron style", "neon" },
	{ "turner", "oil-painting" }, { "grant wood", "oil-painting" }, { "childrens book", "watercolor" },
	{ "children s book", "watercolor" }, { "picture book", "watercolor" },
	{ "storybook", "watercolor" },
	{ "ink wash", "watercolor" }, { "sumi e", "watercolor" }, { "chinese ink painting", "watercolor" },
	{ "ink painting", "watercolor" },
	/* Games people name for their art. */
	{ "hearthstone", "oil-painting" }, { "warcraft", "oil-painting" },
	{ "world of warcraft", "oil-painting" }, { "blizzard", "oil-painting" },
	{ "blizzard entertainment", "oil-painting" }, { "magic the gathering", "oil-painting" },
	{ "league of legends", "comic" }, { "overwatch", "comic" }, { "arcane", "comic" },
	{ "riot games", "comic" }, { "gta", "comic" }, { "gta v", "comic" }, { "gta 5", "comic" },
	{ "grand theft auto", "comic" }, { "borderlands", "comic" }, { "stanley lau", "comic" },
	{ "fortnite", "claymation" }, { "cell shaded", "comic" }, { "cel shading", "comic" },
	{ "cell shading", "comic" },
	/* A decade asked for is its look: old photographs up to the seventies, the eighties in neon. */
	{ "1800s", "vintage-photo" }, { "1900s", "vintage-photo" }, { "1910s", "vintage-photo" },
	{ "1920s", "vintage-photo" }, { "1930s", "vintage-photo" }, { "1940s", "vintage-photo" },
	{ "1950s", "vintage-photo" }, { "1960s", "vintage-photo" }, { "1970s", "vintage-photo" },
	{ "19th century", "vintage-photo" }, { "victorian era", "vintage-photo" },
	{ "the twenties", "vintage-photo" }, { "the thirties", "vintage-photo" },
	{ "the forties", "vintage-photo" }, { "the fifties", "vintage-photo" },
	{ "the sixties", "vintage-photo" }, { "the seventies", "vintage-photo" },
	{ "50s", "vintage-photo" }, { "60s", "vintage-photo" }, { "70s", "vintage-photo" },
	{ "1980s", "neon" }, { "80s", "neon" }, { "the eighties", "neon" }, { "eighties", "neon" },
	/* More looks and the artists people name most, each to its nearest preset. */
	{ "retro", "vintage-photo" }, { "film noir", "vintage-photo" },
	{ "noir", "vintage-photo" }, { "sepia", "vintage-photo" },
	{ "daguerreotype", "vintage-photo" }, { "painterly", "oil-painting" },
	{ "sketchy", "sketch" }, { "line art", "sketch" }, { "lineart", "sketch" },
	{ "etching", "sketch" }, { "engraving", "sketch" }, { "vector", "pop-art" },
	{ "vector art", "pop-art" }, { "vector illustration", "pop-art" },
	{ "flat design", "pop-art" }, { "flat illustration", "pop-art" },
	{ "halftone", "pop-art" }, { "synthwave", "neon" }, { "vaporwave", "neon" },
	{ "outrun", "neon" }, { "tron", "neon" }, { "lego", "isometric-toy" },
	{ "playmobil", "isometric-toy" }, { "voxel", "pixel-art" }, { "voxel art", "pixel-art" },
	{ "minecraft", "pixel-art" }, { "8 bit", "pixel-art" }, { "16 bit", "pixel-art" },
	{ "8bit", "pixel-art" }, { "16bit", "pixel-art" }, { "ukiyo e", "parisian-postcard" },
	{ "ukiyoe", "parisian-postcard" }, { "woodblock", "parisian-postcard" },
	{ "woodblock print", "parisian-postcard" }, { "art deco", "parisian-postcard" },
	{ "hokusai", "parisian-postcard" }, { "katsushika hokusai", "parisian-postcard" },
	{ "poster art", "parisian-postcard" }, { "plasticine", "claymation" },
	{ "aardman", "claymation" }, { "stop motion", "claymation" }, { "polygonal", "low-poly" },
	{ "salvador dali", "oil-painting" }, { "dali", "oil-painting" },
	{ "rene magritte", "oil-painting" }, { "magritte", "oil-painting" },
	{ "edvard munch", "oil-painting" }, { "gustav klimt", "oil-painting" },
	{ "klimt", "oil-painting" }, { "hieronymus bosch", "oil-painting" },
	{ "bosch", "oil-painting" }, { "caravaggio", "oil-painting" },
	{ "michelangelo", "oil-painting" }, { "leonardo da vinci", "oil-painting" },
	{ "da vinci", "oil-painting" }, { "raphael", "oil-painting" },
	{ "titian", "oil-painting" }, { "el greco", "oil-painting" }, { "goya", "oil-painting" },
	{ "velazquez", "oil-painting" }, { "rubens", "oil-painting" },
	{ "pieter bruegel", "oil-painting" }, { "bruegel", "oil-painting" },
	{ "jmw turner", "oil-painting" }, { "william turner", "oil-painting" },
	{ "caspar david friedrich", "oil-painting" }, { "ivan aivazovsky", "oil-painting" },
	{ "aivazovsky", "oil-painting" }, { "ivan shishkin", "oil-painting" },
	{ "albert bierstadt", "oil-painting" }, { "bierstadt", "oil-painting" },
	{ "thomas cole", "oil-painting" }, { "john william waterhouse", "oil-painting" },
	{ "waterhouse", "oil-painting" }, { "frank frazetta", "oil-painting" },
	{ "frazetta", "oil-painting" }, { "boris vallejo", "oil-painting" },
	{ "brom", "oil-painting" }, { "gerald brom", "oil-painting" },
	{ "simon stalenhag", "oil-painting" }, { "simon stålenhag", "oil-painting" },
	{ "jakub rozalski", "oil-painting" }, { "ruan jia", "oil-painting" },
	{ "rhads", "oil-painting" }, { "jordan grimmer", "oil-painting" },
	{ "ralph mcquarrie", "oil-painting" }, { "syd mead", "oil-painting" },
	{ "john howe", "oil-painting" }, { "alan lee", "watercolor" },
	{ "ted nasmith", "oil-painting" }, { "tom bagshaw", "oil-painting" },
	{ "karol bak", "oil-painting" }, { "odd nerdrum", "oil-painting" },
	{ "nerdrum", "oil-painting" }, { "jesper ejsing", "oil-painting" },
	{ "wayne barlowe", "oil-painting" }, { "zdzisław beksiński", "oil-painting" },
	{ "zdzislaw", "oil-painting" }, { "donato giancola", "oil-painting" },
	{ "michael whelan", "oil-painting" }, { "greg hildebrandt", "oil-painting" },
	{ "james christensen", "oil-painting" }, { "raymond swanland", "oil-painting" },
	{ "andreas rocha", "oil-painting" }, { "eddie mendoza", "oil-painting" },
	{ "raphael lacoste", "oil-painting" }, { "feng zhu", "oil-painting" },
	{ "sparth", "oil-painting" }, { "sung choi", "oil-painting" },
	{ "anato finnstark", "oil-painting" }, { "jeremy mann", "oil-painting" },
	{ "jeremy lipkin", "oil-painting" }, { "lipkin", "oil-painting" },
	{ "casey weldon", "oil-painting" }, { "tyler edlin", "oil-painting" },
	{ "bayard wu", "oil-painting" }, { "krenz cushart", "comic" }, { "cushart", "comic" },
	{ "victo ngai", "parisian-postcard" }, { "james jean", "parisian-postcard" },
	{ "dan mumford", "comic" }, { "android jones", "neon" }, { "beeple", "neon" },
	{ "mike winkelmann", "neon" }, { "ross tran", "comic" }, { "wlop", "oil-painting" },
	{ "guweiz", "comic" }, { "sam yang", "comic" }, { "atey ghailan", "comic" },
	{ "ghailan", "comic" }, { "ilya repin", "oil-painting" }, { "repin", "oil-painting" },
	{ "yoji shinkawa", "sketch" }, { "shinkawa", "sketch" }, { "hideo kojima", "comic" },
	{ "kojima", "comic" }, { "katsuhiro otomo", "comic" }, { "otomo", "comic" },
	{ "akira toriyama", "comic" }, { "toriyama", "comic" }, { "frank miller", "comic" },
	{ "jack kirby", "comic" }, { "kirby", "comic" }, { "jim lee", "comic" },
	{ "todd mcfarlane", "comic" }, { "dr seuss", "comic" }, { "hergé", "comic" },
	{ "herge", "comic" }, { "tintin", "comic" }, { "quentin blake", "watercolor" },
	{ "beatrix potter", "watercolor" }, { "winslow homer", "watercolor" },
	{ "john singer sargent watercolor", "watercolor" }, { "takashi murakami", "pop-art" },
	{ "murakami", "pop-art" }, { "yayoi kusama", "pop-art" }, { "kusama", "pop-art" },
	{ "keith haring", "pop-art" }, { "haring", "pop-art" }, { "banksy", "pop-art" },
	{ "shepard fairey", "pop-art" }, { "mc escher", "sketch" }, { "m c escher", "sketch" },
	{ "escher", "sketch" }, { "albrecht durer", "sketch" }, { "gustave dore", "sketch" },
	{ "doré", "sketch" }, { "egon schiele", "sketch" },
	{ "wes anderson", "parisian-postcard" }, { "tim burton", "claymation" },
	{ "laika", "claymation" }, { "studio laika", "claymation" }, { "disney", "comic" },
	{ "walt disney", "comic" }, { "dreamworks", "claymation" },
	{ "pixar style", "claymation" }, 
	{ "ansel adams", "vintage-photo" },
	{ "henri cartier bresson", "vintage-photo" }, { "vivian maier", "vintage-photo" },
	{ "dorothea lange", "vintage-photo" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The open vocabulary's nouns as noun entries, made once. */
static struct {
	pthread_once_t once;
	struct noun_entry *e;
	int n;
} art_nouns = { .once = PTHREAD_ONCE_INIT };

static void art_nouns_make(void)
{
	int n = art_noun_count();
	art_nouns.e = n > 0 ? calloc((size_t)n, sizeof *art_nouns.e) : NULL;
	if (art_nouns.e == NULL)
		return;
	for (int i = 0; i < n; i++) {
		art_nouns.e[i].singular = art_noun_singular(i);
		art_nouns.e[i].plural = art_noun_plural(i);
		art_nouns.e[i].kind = OBJ_ARTWORK;
	}
	art_nouns.n = n;
}

static int art_nouns_count(void)
{
	pthread_once(&art_nouns.once, art_nouns_make);
	return art_nouns.n;
}

const struct noun_entry *lang_noun(int idx)
{
	if (idx < 0)
		return NULL;
	if ((size_t)idx < NELEM(nouns))
		return &nouns[idx];
	idx -= (int)NELEM(nouns);
	return idx < art_nouns_count() ? &art_nouns.e[idx] : NULL;
}

int lang_noun_find(const char *word)
{
	for (size_t i = 0; i < NELEM(nouns); i++) {
		if (strcmp(nouns[i].singular, word) == 0)
			return (int)i;
	}
	int a = art_nouns_count() > 0 ? art_noun_find(word) : -1;
	return a >= 0 ? (int)NELEM(nouns) + a : -1;
}

int lang_object_art(const struct scene_object *o)
{
	if (o->kind != OBJ_ARTWORK)
		return -1;
	char noun[RENDER_WORD_MAX];
	lang_copy_word(noun, sizeof noun, o->noun);
	return art_noun_art(art_noun_find(noun));
}

bool lang_same_thing(const struct scene_object *o, const struct noun_entry *ne)
{
	if (ne == NULL || o->kind != ne->kind)
		return false;
	if (o->kind != OBJ_ARTWORK)
		return true;
	return lang_object_art(o) == art_noun_art(art_noun_find(ne->singular));
}

const char *lang_noun_plural(const char *singular, enum object_kind kind)
{
	if (kind == OBJ_ARTWORK) {
		int a = art_noun_find(singular);
		return a >= 0 ? art_noun_plural(a) : "things";
	}
	int i = lang_noun_find(singular);
	if (i >= 0 && nouns[i].kind == kind)
		return nouns[i].plural;
	/* The canonical noun of every kind is in the table, so this always finds one. */
	i = lang_noun_find(render_object_name(kind));
	return i >= 0 ? nouns[i].plural : "objects";
}

const struct color_entry *lang_color(int idx)
{
	if (idx < 0 || (size_t)idx >= NELEM(colors))
		return NULL;
	return &colors[idx];
}

int lang_color_find(const char *name)
{
	for (size_t i = 0; i < NELEM(colors); i++) {
		if (strcmp(colors[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

const char *lang_mood(int idx)
{
	if (idx < 0 || (size_t)idx >= NELEM(moods))
		return NULL;
	return moods[idx];
}

int lang_mood_count(void)
{
	return (int)NELEM(moods);
}

const char *lang_count_word(int n)
{
	static const char *const words[] = { "zero", "one", "two", "three", "four", "five",
					     "six",  "seven", "eight", "nine", "ten" };
	if (n < 0 || (size_t)n >= NELEM(words))
		return "several";
	return words[n];
}

const char *lang_size_name(enum size_word s)
{
	static const char *const n[] = { "", "tiny", "small", "large", "huge" };
	return (unsigned)s < NELEM(n) ? n[s] : "";
}

const char *lang_light_name(enum light l)
{
	static const char *const n[] = { "default light", "soft light", "dramatic light",
					 "golden hour light", "neon light", "candle light" };
	return (unsigned)l < NELEM(n) ? n[l] : "default light";
}

const char *lang_camera_name(enum camera c)
{
	static const char *const n[] = { "default view", "front view",    "close-up",
					 "wide shot",    "top-down view", "isometric view",
					 "low angle view" };
	return (unsigned)c < NELEM(n) ? n[c] : "default view";
}

const char *lang_setting_phrase(enum setting s)
{
	static const char *const n[] = {
		"",		  "on white background", "in the sky",	"at sunset",
		"at night",	  "in space",		 "on a beach",	"in the snow",
		"in a forest",	  "in a desert",	 "underwater",	"in a city at night",
		"on a tabletop",  "on a street",	 "in a room",	"in a field",
	};
	return (unsigned)s < NELEM(n) ? n[s] : "";
}

static const char *const object_names[OBJ__COUNT] = {
	"cube",	    "sphere", "cylinder",   "cone",	"torus",    "pyramid", "tree",
	"house",    "snowman", "cup",	    "table",	"chair",    "lamp",    "mushroom",
	"flower",   "cactus", "rocket",	    "robot",	"car",	    "boat",    "lighthouse",
	"castle",   "planet", "moon",	    "sun",	"cloud",    "mountain", "rock",
	"candle",   "bottle", "vase",	    "apple",	"cake",	    "heart",   "umbrella",
	"teapot",   "bench",  "tower",	    "bridge",	"windmill", "tent",    "balloon",
	"gift",	    "fence",  "lollipop",   "star", "artwork",
	"refrigerator", "oven", "microwave", "sink", "counter", "fire hydrant", "bookshelf",
	"cabinet", "rug", "pillow", "sign",
	"eiffel tower", "big ben", "golden gate bridge", "taj mahal", "sydney opera house",
	"colosseum", "leaning tower of pisa", "stonehenge", "surfboard", "parking meter", "toaster",
	"hair dryer", "ramp", "great wall", "dishwasher", "washing machine", "waterfall",
	"fireplace", "branch",
};
static const char *const material_names[MAT__COUNT] = {
	"default", "matte",  "glossy",	"metallic", "gold",    "glass",	  "wooden",
	"marble",  "stone",  "rubber",	"glowing",  "plastic", "ceramic", "fabric",
	"leather", "paper",  "ice",	"bronze",   "copper",
};
static const char *const setting_names[SET__COUNT] = {
	"default", "white background", "sky", "sunset", "night", "space", "beach",
	"snow",	   "forest",	       "desert", "underwater", "city at night", "tabletop",
	"street",  "room",	       "field",
};
static const char *const relation_names[REL__COUNT] = {
	"left of", "right of", "above", "below",   "on",     "under",
	"in front of", "behind", "next to", "between", "around", "holding", "riding",
};
static const char *const setting_ids[SET__COUNT] = {
	"default", "studio", "sky",    "sunset",     "night",	   "space",   "beach",
	"snow",	   "forest", "desert", "underwater", "city-night", "tabletop",
	"street",  "room",   "field",
};
static const char *const light_ids[LIGHT__COUNT] = {
	"default", "soft", "dramatic", "golden", "neon", "candle",
};
static const char *const camera_ids[CAM__COUNT] = {
	"default", "front", "closeup", "wide", "topdown", "isometric", "lowangle",
};
static const char *const size_ids[] = { "default", "tiny", "small", "large", "huge" };
static const char *const pose_names[POSE__COUNT] = { NULL, "jumping", "flying" };

static const char *const trait_names[TRAIT__COUNT] = {
	"moving", "lying", "old", "dirty", "long", "thin", "eaten", "in a row", "triangular", "round",
};

static const char *const effect_names[FX__COUNT] = { "rain", "fog", "blur", "bokeh" };
static const char *const effect_phrases[FX__COUNT] = { "in the rain", "in fog", "blurry",
							"with a shallow depth of field" };

const char *render_effect_name(unsigned effect)
{
	for (int k = 0; k < FX__COUNT; k++)
		if (effect == 1u << k)
			return effect_names[k];
	return NULL;
}

const char *lang_effect_phrase(unsigned effect)
{
	for (int k = 0; k < FX__COUNT; k++)
		if (effect == 1u << k)
			return effect_phrases[k];
	return NULL;
}

unsigned lang_effect_from_name(const char *name)
{
	for (int k = 0; name && k < FX__COUNT; k++)
		if (strcmp(name, effect_names[k]) == 0)
			return 1u << k;
	return 0;
}

const char *render_trait_name(unsigned trait)
{
	for (int k = 0; k < TRAIT__COUNT; k++)
		if (trait == 1u << k)
			return trait_names[k];
	return NULL;
}

unsigned lang_trait_from_name(const char *name)
{
	for (int k = 0; name && k < TRAIT__COUNT; k++)
		if (strcmp(name, trait_names[k]) == 0)
			return 1u << k;
	return 0;
}

const char *lang_pose_name(enum pose p)
{
	return (unsigned)p < POSE__COUNT ? pose_names[p] : NULL;
}

int lang_pose_from_name(const char *name)
{
	for (int i = 1; i < POSE__COUNT; i++)
		if (strcmp(pose_names[i], name) == 0)
			return i;
	return -1;
}

const char *render_object_name(enum object_kind k)
{
	return (unsigned)k < OBJ__COUNT ? object_names[k] : "object";
}

const char *render_material_name(enum material m)
{
	return (unsigned)m < MAT__COUNT ? material_names[m] : "default";
}

const char *render_setting_name(enum setting s)
{
	return (unsigned)s < SET__COUNT ? setting_names[s] : "default";
}

const char *render_relation_name(enum relation_kind r)
{
	return (unsigned)r < REL__COUNT ? relation_names[r] : "next to";
}

const char *lang_setting_id(enum setting s)
{
	return (unsigned)s < SET__COUNT ? setting_ids[s] : "default";
}

const char *lang_light_id(enum light l)
{
	return (unsigned)l < LIGHT__COUNT ? light_ids[l] : "default";
}

const char *lang_camera_id(enum camera c)
{
	return (unsigned)c < CAM__COUNT ? camera_ids[c] : "default";
}

const char *lang_size_id(enum size_word s)
{
	return (unsigned)s < NELEM(size_ids) ? size_ids[s] : "default";
}

static int index_of(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], name) == 0)
			return (int)i;
	}
	return -1;
}

int lang_setting_from_id(const char *id)
{
	return index_of(setting_ids, NELEM(setting_ids), id);
}

int lang_light_from_id(const char *id)
{
	return index_of(light_ids, NELEM(light_ids), id);
}

int lang_camera_from_id(const char *id)
{
	return index_of(camera_ids, NELEM(camera_ids), id);
}

int lang_size_from_id(const char *id)
{
	return index_of(size_ids, NELEM(size_ids), id);
}

int lang_object_from_name(const char *name)
{
	return index_of(object_names, NELEM(object_names), name);
}

int lang_material_from_name(const char *name)
{
	return index_of(material_names, NELEM(material_names), name);
}

int lang_relation_from_name(const char *name)
{
	return index_of(relation_names, NELEM(relation_names), name);
}

void lang_copy_word(char *dst, size_t dstlen, const char *src)
{
	if (dstlen == 0)
		return;
	size_t n = 0;
	while (n < dstlen - 1 && src[n] != '\0')
		n++;
	/* Back up over continuation bytes so a cut never leaves half a character. */
	if (src[n] != '\0') {
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---- tokenizer ---- */

struct word {
	char s[RENDER_WORD_MAX];
	bool name; /* written with a capital inside a sentence: a name, never respelt */
};

/* Characters that end a word although they are not ASCII: spaces, dashes, quotes. */
static bool unicode_separator(uint32_t cp)
{
	return cp == 0xa0 || cp == 0xab || cp == 0xbb || (cp >= 0x2000 && cp <= 0x206f) ||
	       cp == 0x3000 || cp == 0xfeff || cp == 0x3001 || cp == 0x3002;
}

/*
 * Splits text into lowercased words. Apostrophes vanish inside a word
 * ("bird's" is "birds"); everything that is not a letter, digit or non-ASCII
 * character separates words. Returns the count, or -1 for invalid UTF-8.
 */
static int split_words(const char *text, size_t len, struct word *w, int maxw)
{
	const unsigned char *s = (const unsigned char *)text;
	int nw = 0;
	size_t wl = 0;
	bool in_word = false, sentence_start = true;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s, len, i, &cp);
		if (n == 0)
			return -1;
		bool apostrophe = cp == '\'' || cp == 0x2019 || cp == 0x2018;
		bool wordch = (cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
					     (cp >= '0' && cp <= '9'))) ||
			      (cp >= 0x80 && !unicode_separator(cp) && !apostrophe);
		if (apostrophe && in_word) {
			i += n;
			continue;
		}
		if (!wordch) {
			in_word = false;
			if (cp == '.' || cp == '!' || cp == '?')
				sentence_start = true;
			i += n;
			continue;
		}
		if (!in_word) {
			if (nw >= maxw)
				break;
			in_word = true;
			wl = 0;
			w[nw].s[0] = '\0';
			w[nw].name = cp >= 'A' && cp <= 'Z' && !sentence_start;
			nw++;
		}
		sentence_start = false;
		/* A word longer than the scene can hold keeps its first whole characters. */
		if (wl + n < RENDER_WORD_MAX) {
			for (size_t k = 0; k < n; k++) {
				unsigned char c = s[i + k];
				if (c >= 'A' && c <= 'Z')
					c = (unsigned char)(c - 'A' + 'a');
				w[nw - 1].s[wl++] = (char)c;
			}
			w[nw - 1].s[wl] = '\0';
		}
		i += n;
	}
	return nw;
}

/* How many words of phrase match w[i..], or 0. */
static int match_phrase(const char *phrase, const struct word *w, int nw, int i)
{
	if (i >= nw || phrase[0] != w[i].s[0])
		return 0;
	int k = 0;
	const char *p = phrase;
	while (*p) {
		const char *end = strchr(p, ' ');
		size_t plen = end ? (size_t)(end - p) : strlen(p);
		if (i + k >= nw)
			return 0;
		if (strlen(w[i + k].s) != plen || memcmp(w[i + k].s, p, plen) != 0)
			return 0;
		k++;
		p += plen;
		if (*p == ' ')
			p++;
	}
	return k;
}

/* A phrase built from a style's id or title: lowercase, separators as spaces. */
static void style_phrase(const char *src, char *out, size_t outlen)
{
	size_t o = 0;
	bool space = false;
	for (const char *p = src; *p && o + 2 < outlen; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!alnum) {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		out[o++] = c;
	}
	out[o] = '\0';
}

/*
 * A style phrase at w[i..], with an optional "in"/"as"/"as a" before it and
 * "style"/"styled" after it. The optional words count towards the match so
 * "neon style" outranks the material "neon".
 */
static int match_style_at(const char *phrase, const struct word *w, int nw, int i)
{
	static const char *const pre[] = { "", "in", "as", "as a", "as an", "in a", "in the" };
	int best = 0;
	for (size_t p = 0; p < NELEM(pre); p++) {
		int a = pre[p][0] ? match_phrase(pre[p], w, nw, i) : 0;
		if (pre[p][0] && a == 0)
			continue;
		int b = match_phrase(phrase, w, nw, i + a);
		if (b == 0)
			continue;
		int c = 0;
		if (i + a + b < nw &&
		    (strcmp(w[i + a + b].s, "style") == 0 || strcmp(w[i + a + b].s, "styled") == 0))
			c = 1;
		/* A bare "in" or "as" before a non-style phrase belongs to the style only
		 * when the word "style" follows or the phrase is more than that word. */
		if (a + b + c > best)
			best = a + b + c;
	}
	return best;
}

#define MAX_STYLE_PHRASES 64

/* Each preset's id and title as phrases, built once per lang_lex() call. */
struct style_phrases {
	char phrase[MAX_STYLE_PHRASES][48];
	const char *id[MAX_STYLE_PHRASES];
	int n;
};

static void style_phrases_build(struct style_phrases *sp)
{
	size_t n;
	const struct render_style *st = render_styles(&n);
	sp->n = 0;
	for (size_t k = 0; k < n && sp->n + 2 <= MAX_STYLE_PHRASES; k++) {
		style_phrase(st[k].id, sp->phrase[sp->n], sizeof sp->phrase[0]);
		sp->id[sp->n++] = st[k].id;
		style_phrase(st[k].title, sp->phrase[sp->n], sizeof sp->phrase[0]);
		sp->id[sp->n++] = st[k].id;
	}
}

static int match_style(const struct style_phrases *sp, const struct word *w, int nw, int i,
		       const char **id)
{
	int best = 0;
	for (int k = 0; k < sp->n; k++) {
		int m = match_style_at(sp->phrase[k], w, nw, i);
		if (m > best) {
			best = m;
			*id = sp->id[k];
		}
	}
	for (size_t k = 0; k < NELEM(style_aliases); k++) {
		const struct render_style *found = render_style_find(style_aliases[k].id);
		if (found == NULL)
			continue;
		int m = match_style_at(style_aliases[k].phrase, w, nw, i);
		if (m > best) {
			best = m;
			*id = found->id;
		}
	}
	return best;
}

/* A count written in digits: "3". Larger numbers clamp to what a group holds. */
static int digits_count(const char *s)
{
	int v = 0;
	size_t i = 0;
	for (; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 6)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (i == 0 || v == 0)
		return -1;
	return v > RENDER_MAX_COUNT ? RENDER_MAX_COUNT : v;
}

static bool builtin_noun_word(const char *s)
{
	for (size_t k = 0; k < NELEM(nouns); k++)
		if (strcmp(nouns[k].singular, s) == 0 || strcmp(nouns[k].plural, s) == 0)
			return true;
	return false;
}

/*
 * What an action implies when nothing follows it: "a girl reading" reads a
 * book, "a man having a drink" holds one, "a woman smoking" a cigarette.
 */
static int implied_noun(const char *verb)
{
	static const struct {
		const char *verb, *noun;
	} implied[] = {
		{ "reading", "book" }, { "reads", "book" }, { "read", "book" },
		{ "drink", "drink" }, { "drinking", "drink" }, { "drinks", "drink" },
		{ "texting", "phone" }, { "phoning", "phone" }, { "smoking", "cigarette" },
		{ "writing", "pencil" }, { "writes", "pencil" }, { "typing", "laptop" },
		{ "taking a picture", "camera" }, { "taking pictures", "camera" },
		{ "taking a photo", "camera" }, { "taking photos", "camera" },
		{ "taking a photograph", "camera" }, { "taking a selfie", "phone" },
		{ "takes a picture", "camera" }, { "takes a photo", "camera" },
		{ "take a picture", "camera" }, { "take a photo", "camera" },
		{ "to take a picture", "camera" }, { "snapping a picture", "camera" },
		{ "photographing", "camera" }, { "eating", "meal" }, { "eats", "meal" }, { "fishing", "fishing pole" }, { "fishes", "fishing pole" },
	};
	for (size_t k = 0; k < NELEM(implied); k++)
		if (strcmp(verb, implied[k].verb) == 0)
			return lang_noun_find(implied[k].noun);
	return -1;
}

/*
 * Artwork named by how a person looks ("red hair", "bald", "beard"): those words say how
 * the person named with them looks (TOK_LOOK), never a second person.
 */
static bool look_phrase(const struct word *w, int i, int used)
{
	static const char *const ends[] = { "hair", "haired", "bald", "balds", "beard", "beards",
					    "bearded" };
	for (size_t k = 0; k < NELEM(ends); k++)
		if (strcmp(w[i + used - 1].s, ends[k]) == 0)
			return true;
	return false;
}

/*
 * The longest phrase at w[i]: fills t and returns how many words it spans
 * (at least 1; an unmatched word becomes TOK_UNKNOWN).
 */
static int lex_one(const struct style_phrases *sp, const struct word *w, int nw, int i,
		   struct token *t)
{
	int best = 0;
	memset(t, 0, sizeof *t);
	lang_copy_word(t->text, sizeof t->text, w[i].s);
	for (size_t k = 0; k < NELEM(entries); k++) {
		int m = match_phrase(entries[k].phrase, w, nw, i);
		if (m > best) {
			best = m;
			t->type = entries[k].type;
			t->value = entries[k].value;
			t->indefinite = false;
			t->inverse = false;
			if (t->type == TOK_COUNT && t->value < 0) {
				t->value = 1;
				t->indefinite = true;
			}
			if (t->type == TOK_RELATION && (t->value & REL_INVERSE)) {
				t->value &= ~REL_INVERSE;
				t->inverse = true;
			}
			if (t->type == TOK_RELATION) {
				t->agent = (t->value & REL_AGENT) != 0;
				t->after = (t->value & REL_AFTER) != 0;
				t->value &= ~(REL_AGENT | REL_AFTER);
				t->implied = implied_noun(entries[k].phrase);
			}
		}
	}
	for (size_t k = 0; k < NELEM(nouns); k++) {
		int m = match_phrase(nouns[k].singular, w, nw, i);
		int mp = match_phrase(nouns[k].plural, w, nw, i);
		if (m > best || mp > best) {
			bool plural = mp > m;
			best = plural ? mp : m;
			memset(t, 0, sizeof *t);
			lang_copy_word(t->text, sizeof t->text, w[i].s);
			t->type = TOK_NOUN;
			t->value = (int)nouns[k].kind;
			t->noun = (int)k;
			t->plural = plural;
		}
	}
	for (size_t k = 0; k < NELEM(colors); k++) {
		int m = match_phrase(colors[k].name, w, nw, i);
		if (m > best) {
			best = m;
			t->type = TOK_COLOR;
			t->value = (int)k;
		}
	}
	for (size_t k = 0; k < NELEM(color_aliases); k++) {
		int m = match_phrase(color_aliases[k].word, w, nw, i);
		int c = lang_color_find(color_aliases[k].name);
		if (m > best && c >= 0) {
			best = m;
			t->type = TOK_COLOR;
			t->value = c;
		}
	}
	for (size_t k = 0; k < NELEM(moods); k++) {
		int m = match_phrase(moods[k], w, nw, i);
		if (m > best) {
			best = m;
			t->type = TOK_MOOD;
			t->value = (int)k;
		}
	}
	for (size_t k = 0; k < NELEM(mood_aliases); k++) {
		int m = match_phrase(mood_aliases[k].word, w, nw, i);
		if (m > best) {
			best = m;
			t->type = TOK_MOOD;
			t->value = mood_aliases[k].mood;
		}
	}
	/* The open vocabulary: only a longer phrase than the built-in tables found. */
	if (art_nouns_count() > 0) {
		const char *ws[ART_MAX_WORDS];
		int k = 0;
		for (; k < ART_MAX_WORDS && i + k < nw; k++)
			ws[k] = w[i + k].s;
		int used;
		bool plural;
		int a = art_phrase_find(ws, k, &used, &plural);
		/* "red apple", "glowing star": a modifier and a built-in noun stay theirs. */
		bool modifier = best == 1 && (t->type == TOK_COLOR || t->type == TOK_MATERIAL ||
					      t->type == TOK_SIZE || t->type == TOK_MOOD);
		/* A kind known from WordNet only never overrides the engine's own words. */
		const char *wstyle;
		bool weak = art_noun_weak(a) && ((best > 0 && t->type != TOK_LOOK) ||
						 match_style(sp, w, nw, i, &wstyle) > 0);
		if (a >= 0 && used > best && !weak && !look_phrase(w, i, used) &&
		    !(modifier && builtin_noun_word(w[i + used - 1].s))) {
			best = used;
			memset(t, 0, sizeof *t);
			lang_copy_word(t->text, sizeof t->text, w[i].s);
			t->type = TOK_NOUN;
			t->value = OBJ_ARTWORK;
			t->noun = (int)NELEM(nouns) + a;
			t->plural = plural;
		}
	}
	const char *style = NULL;
	int m = match_style(sp, w, nw, i, &style);
	if (m > best) {
		best = m;
		t->type = TOK_STYLE;
		t->style = style;
	}
	if (best == 0) {
		int c = digits_count(w[i].s);
		if (c > 0) {
			t->type = TOK_COUNT;
			t->value = c;
		} else {
			t->type = TOK_UNKNOWN;
		}
		best = 1;
	}
	return best;
}


/* ---- spelling: a word the engine does not know, read as the known word it misspells ---- */

static struct {
	char **w; /* every word of every phrase the engine understands, sorted, distinct */
	size_t n;
} known;
static pthread_once_t known_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds each space-separated word of phrase (cap: room in known.w). */
static void known_add(const char *phrase, size_t cap)
{
	while (phrase && *phrase) {
		const char *sp = strchr(phrase, ' ');
		size_t len = sp ? (size_t)(sp - phrase) : strlen(phrase);
		if (len >= 3 && len < RENDER_WORD_MAX && known.n < cap) {
			char *c = malloc(len + 1);
			if (c == NULL)
				return;
			memcpy(c, phrase, len);
			c[len] = '\0';
			known.w[known.n++] = c;
		}
		phrase = sp ? sp + 1 : NULL;
	}
}

static void known_build(void)
{
	size_t cap = 4 * (NELEM(entries) + 2 * NELEM(nouns) + NELEM(colors) + NELEM(color_aliases) +
			  NELEM(moods) + NELEM(mood_aliases) + (size_t)art_phrase_count());
	known.w = malloc(cap * sizeof *known.w);
	if (known.w == NULL)
		return;
	for (size_t k = 0; k < NELEM(entries); k++)
		known_add(entries[k].phrase, cap);
	for (size_t k = 0; k < NELEM(nouns); k++) {
		known_add(nouns[k].singular, cap);
		known_add(nouns[k].plural, cap);
	}
	for (size_t k = 0; k < NELEM(colors); k++)
		known_add(colors[k].name, cap);
	for (size_t k = 0; k < NELEM(color_aliases); k++)
		known_add(color_aliases[k].word, cap);
	for (size_t k = 0; k < NELEM(moods); k++)
		known_add(moods[k], cap);
	for (size_t k = 0; k < NELEM(mood_aliases); k++)
		known_add(mood_aliases[k].word, cap);
	/* Not the nouns WordNet lends the artwork: obscure words are what names look like. */
	for (int k = 0; k < art_phrase_count(); k++)
		if (!art_phrase_weak(k))
			known_add(art_phrase(k), cap);
	qsort(known.w, known.n, sizeof *known.w, cmp_str);
	size_t u = 0;
	for (size_t k = 0; k < known.n; k++) {
		if (u > 0 && strcmp(known.w[u - 1], known.w[k]) == 0)
			free(known.w[k]);
		else
			known.w[u++] = known.w[k];
	}
	known.n = u;
}

static bool known_word(const char *w)
{
	return known.w && bsearch(&w, known.w, known.n, sizeof *known.w, cmp_str) != NULL;
}

/*
 * The cost of typing a for b: a letter too many costs 2, a letter missing,
 * a wrong one or two swapped 3 (optimal string alignment distance). A stray
 * letter is the common slip ("tcennis", "galove"); the others turn names
 * into words too easily ("brian", "carne"). Gives up (returns limit + 1)
 * once every path costs more than limit.
 */
static int typo_cost(const char *a, size_t la, const char *b, size_t lb, int limit)
{
	int d[RENDER_WORD_MAX + 1][RENDER_WORD_MAX + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i * 2;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j * 3;
	for (size_t i = 1; i <= la; i++) {
		int row_min = limit + 1;
		for (size_t j = 1; j <= lb; j++) {
			int c = d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 3);
			if (d[i - 1][j] + 2 < c)
				c = d[i - 1][j] + 2;
			if (d[i][j - 1] + 3 < c)
				c = d[i][j - 1] + 3;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 3 < c)
				c = d[i - 2][j - 2] + 3;
			d[i][j] = c;
			if (c < row_min)
				row_min = c;
		}
		if (row_min > limit)
			return limit + 1;
	}
	return d[la][lb];
}

/*
 * The known word w misspells, or NULL: only for words of five letters or
 * more, a-z only, that are neither the engine's nor English (names and real
 * words are never "corrected"), not written with a capital inside a sentence
 * (a name); the first letter must be right; one stray letter up to seven
 * letters, a stray or a wrong letter up to nine, two strays beyond; and only
 * when one known word is nearest (a tie is a guess, and guessing is not done).
 */
static const char *spelling_fix(const char *w)
{
	size_t len = strlen(w);
	if (len < 5 || len >= RENDER_WORD_MAX)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return NULL;
	pthread_once(&known_once, known_build);
	/* Without the English words the index holds, a real word cannot be told from a slip. */
	if (known.w == NULL || known_word(w) || !art_has_english() || art_english(w))
		return NULL;
	int limit = len <= 7 ? 2 : len <= 9 ? 3 : 4;
	int best = limit + 1;
	const char *fix = NULL;
	bool tie = false;
	/* The candidates share the first letter: a contiguous run of the sorted list. */
	char first[2] = { w[0], '\0' };
	const char *key = first;
	size_t lo = 0, hi = known.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(known.w[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < known.n && known.w[k][0] == w[0]; k++) {
		size_t kl = strlen(known.w[k]);
		if (kl + 3 < len || kl > len + 1 || kl < 5)
			continue;
		int c = typo_cost(w, len, known.w[k], kl, best < limit ? best : limit);
		if (c < best) {
			best = c;
			fix = known.w[k];
			tie = false;
		} else if (c == best && c <= limit) {
			tie = true;
		}
	}
	return best <= limit && !tie ? fix : NULL;
}


/*
 * Numbers some tools write a digit at a time ("1 9 2 0 s", "4 0 k"): a run of
 * single digits, with an "s", "k" or "th" after it, is one word again
 * ("1920s"). Returns the new word count.
 */
static int join_spaced_digits(struct word *w, int nw)
{
	int out = 0;
	for (int i = 0; i < nw;) {
		int j = i;
		char buf[RENDER_WORD_MAX];
		size_t len = 0;
		while (j < nw && w[j].s[0] >= '0' && w[j].s[0] <= '9' && w[j].s[1] == '\0' &&
		       len + 1 < sizeof buf)
			buf[len++] = w[j++].s[0];
		if (j - i >= 2) {
			if (j < nw && (strcmp(w[j].s, "s") == 0 || strcmp(w[j].s, "k") == 0 ||
				       strcmp(w[j].s, "th") == 0) &&
			    len + strlen(w[j].s) < sizeof buf) {
				memcpy(buf + len, w[j].s, strlen(w[j].s));
				len += strlen(w[j].s);
				j++;
			}
			buf[len] = '\0';
			struct word joined = w[i];
			memcpy(joined.s, buf, len + 1);
			w[out++] = joined;
			i = j;
			continue;
		}
		w[out++] = w[i++];
	}
	return out;
}

int lang_lex(const char *text, struct token **out, int *n)
{
	int rc = -1;
	struct word *w = NULL;
	struct token *t = NULL;
	struct style_phrases *sp = NULL;
	*out = NULL;
	*n = 0;
	if (text == NULL)
		goto out;
	size_t len = 0;
	while (len <= LANG_MAX_INPUT && text[len] != '\0')
		len++;
	if (len > LANG_MAX_INPUT)
		goto out;
	/* Every word needs a separator after it, so half the bytes bound the words. */
	int maxw = (int)(len / 2 + 1);
	w = calloc((size_t)maxw, sizeof *w);
	t = calloc((size_t)maxw, sizeof *t);
	if (w == NULL || t == NULL)
		goto out;
	int nw = split_words(text, len, w, maxw);
	if (nw < 0)
		goto out;
	sp = malloc(sizeof *sp);
	if (sp == NULL)
		goto out;
	style_phrases_build(sp);
	nw = join_spaced_digits(w, nw);
	/* Misspelt words are read as the word they misspell ("tcennis rpacket"). */
	char(*typed)[RENDER_WORD_MAX] = calloc((size_t)nw + 1, sizeof *typed);
	if (typed == NULL)
		goto out;
	for (int i = 0; i < nw; i++) {
		const char *fix = w[i].name ? NULL : spelling_fix(w[i].s);
		if (fix) {
			memcpy(typed[i], w[i].s, sizeof typed[i]);
			lang_copy_word(w[i].s, sizeof w[i].s, fix);
		}
	}
	int nt = 0;
	for (int i = 0; i < nw;) {
		int used = lex_one(sp, w, nw, i, &t[nt]);
		/* A correction that still means nothing is reported as typed. */
		if (t[nt].type == TOK_UNKNOWN && typed[i][0])
			lang_copy_word(t[nt].text, sizeof t[nt].text, typed[i]);
		/* "eyes" are a person's only after a colour ("blue eyes"); else the artwork. */
		if (t[nt].type == TOK_LOOK && (t[nt].value & 15) == LOOKW_EYES &&
		    (nt == 0 || t[nt - 1].type != TOK_COLOR)) {
			int nn = lang_noun_find(t[nt].text);
			if (nn >= 0) {
				t[nt].type = TOK_NOUN;
				t[nt].noun = nn;
				t[nt].value = (int)lang_noun(nn)->kind;
				t[nt].plural = false;
			}
		}
		i += used;
		nt++;
	}
	free(typed);
	*out = t;
	*n = nt;
	t = NULL;
	rc = 0;
out:
	free(sp);
	free(t);
	free(w);
	return rc;
}
