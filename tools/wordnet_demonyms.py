#!/usr/bin/env python3
"""Builds reference/demonyms.tsv: the adjectives that name a country's people or things ("Dutch",
"French", "American"), from WordNet 3.0 (Debian package `wordnet-base`, files in /usr/share/wordnet),
keyed by the country's ISO 3166 code in reference/countries.tsv.

"Did the Dutch send soldiers?" names the Netherlands as surely as "did the Netherlands send soldiers?": a
statement that speaks of neither does not answer what the country did. WordNet links such an adjective to
the country it pertains to (a pertainym pointer, "\\"); the adjective is kept when one of that country's
lemmas is a name in countries.tsv. Run it at development time; the generated file and WordNet's licence
(reference/related.LICENSE) are committed, so neither a build nor CI needs WordNet installed.

Usage: python3 tools/wordnet_demonyms.py [WORDNET_DIR] > reference/demonyms.tsv
"""

import os
import re
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
# Senses WordNet keeps that no one writes for a country today, or that name a language or a region.
DATED = {"mongoloid", "cambrian", "maroc", "romaic", "hispaniolan", "norse", "afrikaans", "lusitanian",
         "gallic", "grecian", "hellenic", "cyprian", "iraki", "siamese", "soviet", "manx", "scotch",
         # A verb as often as a people: "polish the slides".
         "polish"}
HERE = os.path.dirname(os.path.abspath(__file__))


def countries():
    """Folded country name -> ISO code, from countries.tsv (names and other names)."""
    names = {}
    with open(os.path.join(HERE, "..", "reference", "countries.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            code, name = line.rstrip("\n").split("\t")[:2]
            name = name.split(" (")[0]
            names[name.lower()] = code
    return names


def synsets(path):
    """Offset -> (lemmas, pointers as (symbol, offset, part of speech))."""
    found = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            fields = line.split(" | ")[0].split()
            offset, count = fields[0], int(fields[3], 16)
            lemmas = [fields[4 + 2 * i].lower() for i in range(count)]
            at = 4 + 2 * count
            pointers = []
            for i in range(int(fields[at])):
                symbol, target, pos, words = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                pointers.append((symbol, target, pos, int(words[:2], 16), int(words[2:], 16)))
            found[offset] = (lemmas, pointers)
    return found


def main():
    names = countries()
    nouns = synsets(os.path.join(WORDNET, "data.noun"))
    adjectives = synsets(os.path.join(WORDNET, "data.adj"))
    rows = set()
    for lemmas, pointers in adjectives.values():
        for symbol, target, pos, source, word in pointers:
            if symbol != "\\" or pos != "n" or target not in nouns:
                continue
            # The pointer names the country's lemma it pertains to ("Chinese" to "China", in a synset
            # whose first lemma is "Taiwan"); where it names none, any lemma of the synset.
            candidates = nouns[target][0]
            if word:
                candidates = [candidates[word - 1]]
            country = next(
                (names[n.replace("_", " ")] for n in candidates if n.replace("_", " ") in names),
                None,
            )
            if country is None:
                continue
            # The pointer leaves from one lemma of the adjective's synset, or (0) from all of them.
            for lemma in [lemmas[source - 1]] if source else lemmas:
                lemma = re.sub(r"\(.*\)$", "", lemma)
                # One word, and not the country's own name ("Mali" is no adjective of Mali).
                if re.fullmatch(r"[a-z]+", lemma) and lemma not in names and lemma not in DATED:
                    rows.add((country, lemma))
    print("# The adjectives for a country's people and things, keyed by the ISO 3166 code of")
    print("# reference/countries.tsv. Generated from WordNet 3.0 by tools/wordnet_demonyms.py")
    print("# (see related.LICENSE).")
    for country, lemma in sorted(rows):
        print(f"{country}\t{lemma}")


main()
