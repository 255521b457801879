"""Synthetic review data for benchmarks: many municipalities, several years, up to 100,000 events and more.

    python benchmarks/generate.py OUT_DIR --events N [--seed S] [--municipalities M] [--jobs J]
                                  [--profile full|reference] [--vocabulary default|realistic]

Writes valid data in the format of docs/schema.md: a shared file (programmes, networks, ministries,
institutes and their people) and one file per municipality (its reviews, organisations, people and roles,
projects and sub-projects with their project years, events at every date precision, figures, quotes and
network memberships). Ids are unique across all files and every reference resolves, also across files
(networks led by a municipality, partners from the neighbouring municipality, shared people in local
events), so `herzlich-tui check OUT_DIR` reports no problems. Text is German with umlauts and ß.

The output depends only on --events, --seed, --municipalities, --profile and --vocabulary: every
municipality draws from its own random generator seeded by the seed and its index, so files can be written in
parallel (--jobs) and come out byte for byte the same. One word is rare on purpose: "Grübentälchen"
appears in exactly one event (see RARE_WORD), for measuring search on a word that narrows to one hit;
"Digitalisierung" is common.

--vocabulary realistic adds a sentence to every event's summary drawn from a German-looking lexicon of
about 200,000 words (compounds of real stems and made-up syllables) with Zipf-like frequencies, so that, as in
real text, tens of thousands of distinct words occur and many only once (see Lexicon). It draws from a
random generator of its own: everything else is written as with the default vocabulary, which stays the
default so that figures taken before it existed stay comparable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

__all__ = ["COMMON_WORD", "MANIFEST", "RARE_WORD", "generate", "main"]

YEARS = tuple(range(2015, 2025))
MANIFEST = "generated.json"  # not *.toml, so herzlich-tui never reads it
RARE_WORD = "Grübentälchen"
COMMON_WORD = "Digitalisierung"
MAX_FILE_BYTES = 2 * 1024 * 1024

# fmt: off
# --- vocabulary ----------------------------------------------------------------------------------------
NAME_PREFIXES = (
    "", "", "", "", "Bad ", "Groß", "Klein", "Ober", "Unter", "Nieder", "Über", "Süd", "Nord", "Alt", "Neu",
    "Hohen", "Sankt ",
)
NAME_STEMS = (
    "Lauter", "Mühl", "Rosen", "Eich", "Linden", "Buch", "Wald", "Stein", "Fels", "Tann", "Birken", "Hasel",
    "Erlen", "Weiden", "Grün", "Schön", "Käfer", "Bären", "Fuchs", "Löwen", "Hirsch", "Mönchs", "Königs", "Kirch",
    "Wiesen", "Sonnen", "Brunn", "Schwarz", "Weiß", "Rot", "Eschen", "Föhren", "Hütten", "Drachen", "Kräh",
    "Lärchen", "Grieß", "Flöß", "Jäger", "Fürsten", "Möhren", "Straß", "Hölz", "Bühl", "Dürr",
)
NAME_SUFFIXES = (
    "heim", "bach", "berg", "burg", "feld", "hausen", "dorf", "stadt", "au", "tal", "brück", "weiler", "ingen",
    "hofen", "rode", "büttel", "hagen", "furt", "winkel", "stätt", "grün", "münster", "höfen",
)
NAME_ADDITIONS = (
    " am Rhein", " an der Weißach", " an der Lauter", " im Odenwald", " (Pfalz)", " am Main", " ob der Tauber",
    " im Hügelland",
)
GIVEN_NAMES = (
    "Jürgen", "Sören", "Jörg", "Björn", "Günther", "Käthe", "Lüder", "Bärbel", "Dörte", "Anna", "Lena", "Hannah",
    "Mia", "Lukas", "Jonas", "Fynn", "Sophie", "Marie", "Paul", "Felix", "Maximilian", "Ömer", "Aylin", "Zoë",
    "Andreas", "Stefanie", "Katrin", "Heike", "Matthias", "Tobias", "Sabine", "Ulrike", "Thorsten", "Rüdiger",
    "Göran", "Jörn", "Hülya", "Małgorzata", "Céline", "Jens", "Birgit", "Klaus",
)
FAMILY_NAMES = (
    "Müller", "Schäfer", "Weiß", "Groß", "Schröder", "Köhler", "Böhm", "Krüger", "Günther", "Jäger", "Förster",
    "Schmitt", "Becker", "Wagner", "Hoffmann", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Neumann", "Schwarz",
    "Zimmermann", "Braun", "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köster", "Mößner",
    "Strauß", "Voß", "Preuß", "Süß", "Fröhlich", "Dürr", "Bürger", "Öztürk", "Nowak", "Weißenbühler", "Grünewald",
    "Mühlhäuser",
)
UNIT_NAMES = (
    ("Stabsstelle Digitalisierung", "I.8"),
    ("Amt für Bürgerdienste", ""),
    ("Schulverwaltungsamt", ""),
    ("Bauamt", ""),
    ("Ordnungsamt", ""),
    ("Kulturamt", ""),
    ("Stadtbücherei", ""),
    ("Volkshochschule", "VHS"),
    ("Amt für Umwelt und Klimaschutz", ""),
    ("Wirtschaftsförderung", "WiFö"),
    ("Haupt- und Personalamt", ""),
    ("Tiefbauamt", ""),
    ("Jugendamt", ""),
    ("Sozialamt", ""),
)
DISTRICTS = (
    "Altstadt", "Mühlviertel", "Am Schloßberg", "Süd", "Nord", "Wiesengrund", "Kirchberg", "Hütte", "Neue Mitte",
    "Im Grünen", "Lindenhöhe", "Bahnhofsviertel", "Am Mühlbach", "Ölberg",
)
PLACES = (
    "Rathausplatz", "Stadtbücherei", "Bürgerhaus", "Marktplatz", "Gemeindesaal", "Turnhalle der Grundschule",
    "Kulturzentrum Alte Mühle", "Jugendzentrum", "Technologiepark", "Fußgängerzone", "Schlosshof", "Ratssaal",
    "Volkshochschule", "Feuerwache", "Bahnhofsvorplatz", "Stadthalle", "Bürgerbüro", "Gründerzentrum",
    "Seniorenbegegnungsstätte", "Dorfgemeinschaftshaus", "Waldbühne", "Hafenspeicher",
)
TOPICS = (
    ("die digitale Bürgersprechstunde", "Digitale Bürgersprechstunde"),
    ("das neue Bürgerportal", "Bürgerportal"),
    ("der Ausbau des Glasfasernetzes", "Glasfaserausbau"),
    ("die smarte Straßenbeleuchtung", "Smarte Straßenbeleuchtung"),
    ("das offene WLAN in der Fußgängerzone", "Freies WLAN"),
    ("die Einführung der E-Akte", "E-Akte"),
    ("das Sensornetz für die Luftqualität", "Luftgüte-Sensoren"),
    ("die Online-Terminvergabe im Bürgerbüro", "Online-Terminvergabe"),
    ("der Makerspace in der Stadtbücherei", "Makerspace"),
    ("die Digitalisierung der Schulen", "Digitale Schulen"),
    ("das Datenportal der Kommune", "Offene Daten"),
    ("die digitale Parkraumsteuerung", "Smartes Parken"),
    ("der digitale Zwilling der Innenstadt", "Digitaler Zwilling"),
    ("die Hochwasser-Frühwarnung an den Bächen", "Pegelmessung"),
    ("das LoRaWAN-Funknetz", "LoRaWAN-Funknetz"),
    ("die Seniorensprechstunde „Digital fit“", "Digital fit"),
    ("die Bürgerbeteiligung zum Mobilitätskonzept", "Mobilitätskonzept"),
    ("das Quartierszentrum mit Coworking-Plätzen", "Coworking im Quartier"),
    ("die Videokonferenzlösung für Vereine", "Videokonferenzen für Vereine"),
    ("die App für Bus und Bahn", "Nahverkehrs-App"),
    ("die Lernplattform der Volkshochschule", "Lernplattform"),
    ("das Ehrenamtsportal", "Ehrenamtsportal"),
    ("die kommunale Wärmeplanung mit Geodaten", "Wärmeplanung"),
    ("die Straßenzustandserfassung per Kamerafahrzeug", "Straßenbefahrung"),
    ("die digitale Bauakte", "Digitale Bauakte"),
    ("das Bürgerbudget für Klimaprojekte", "Klima-Bürgerbudget"),
    ("die Mängelmelder-App", "Mängelmelder"),
    ("die Bodenfeuchte-Messung im Stadtgrün", "Smartes Stadtgrün"),
)
EVENT_KINDS = (
    "Auftakt", "Workshop", "Bürgerdialog", "Fachtag", "Hackathon", "Infoabend", "Pilotphase", "Netzwerktreffen",
    "Förderbescheid", "Abschlussveranstaltung", "Zukunftswerkstatt", "Sprechstunde", "Ausschreibung", "Spatenstich",
    "Übergabe", "Schulung", "Beteiligungswoche", "Präsentation",
)
EVENT_TITLES = (
    "{kind}: {Title}", "{kind} „{Title}“", "{Title} – {place}", "{Title} startet",
    "{Title} geht in den Regelbetrieb", "{kind} zu {Title} in {muni}", "{Title}: {kind} mit {org}",
    "{kind}, {place}",
)
SENTENCES = (
    "{Topic} wurde im Rathaus von {muni} vorgestellt; über {n} Bürgerinnen und Bürger informierten sich an Thementischen.",  # noqa: E501
    "Gemeinsam mit {org} begann die Pilotphase, die für große Begeisterung sorgte.",
    "Im Mittelpunkt stand {topic}, ein Schwerpunkt der Digitalisierungsstrategie von {muni}.",
    "{person} zog eine positive Bilanz: Die Rückmeldungen seien durchweg ermutigend gewesen.",
    "Trotz pandemiebedingter Einschränkungen wurden {n} Teilnehmende digital zugeschaltet.",
    "Für die Umsetzung erhielt die Kommune Fördermittel in Höhe von {n}.000 Euro.",
    "Die Ergebnisse fließen in die Fortschreibung der Strategie zur Digitalisierung ein.",
    "Schülerinnen und Schüler der Gesamtschule testeten die Lösung und gaben wertvolle Rückmeldungen.",
    "Die Zusammenarbeit mit {org} soll im kommenden Jahr fortgeführt werden.",
    "Dank der Unterstützung Ehrenamtlicher konnte das Angebot auf weitere Stadtteile ausgeweitet werden.",
    "Besonders gefragt waren Beratungen zu Datenschutz und IT-Sicherheit.",
    "Am Standort {place} wurden dafür {n} Sensoren installiert, deren Messwerte öffentlich einsehbar sind.",
    "Über die Öffnungszeiten hinaus steht das Angebot rund um die Uhr zur Verfügung.",
    "Die Verwaltung prüft, ob {topic} auch in den Nachbargemeinden eingesetzt werden kann.",
    "Die Digitalisierung der Verwaltung kommt damit einen großen Schritt voran.",
    "Viele Ältere nutzten die Gelegenheit, Fragen zu Smartphone und Tablet zu stellen.",
    "Zum Abschluss wurden die Ergebnisse im Ausschuss für Digitalisierung und Wirtschaft präsentiert.",
    "Mit großem Engagement haben die Mitarbeiterinnen und Mitarbeiter die Umstellung gemeistert.",
    "Eine Umfrage ergab, dass {n} Prozent der Befragten das Angebot weiterempfehlen würden.",
    "Die Öffentlichkeit war eingeladen, Vorschläge für die nächsten Schritte einzubringen.",
)
QUOTES = (
    "Wir sind stolz darauf, was wir gemeinsam mit den Bürgerinnen und Bürgern erreicht haben.",
    "Die Digitalisierung ist kein Selbstzweck; sie muss den Menschen in {muni} den Alltag erleichtern.",
    "Ohne die vielen Ehrenamtlichen wäre {topic} nicht möglich gewesen.",
    "Gerade in schwierigen Zeiten hat sich gezeigt, wie wichtig schnelle, unbürokratische Lösungen sind.",
    "Wir wollen Vorreiter sein und zugleich niemanden zurücklassen. … Das gelingt nur gemeinsam.",
    "Die Rückmeldungen aus den Stadtteilen haben uns gezeigt, dass wir auf dem richtigen Weg sind.",
    "Große Schritte beginnen im Kleinen: Jede Straße, jede Schule zählt.",
)
FIGURES = (
    ("Teilnehmende", "Teilnehmende an der Veranstaltung „{title}“", (40, 2500), "int"),
    ("Sensoren", "installierte Sensoren im Projekt „{Title}“", (5, 400), "int"),
    ("Euro", "Fördersumme für „{title}“", (10_000, 4_000_000), "int"),
    ("Zugriffe", "Seitenaufrufe im ersten Monat nach dem Start", (1_000, 250_000), "int"),
    ("Kilometer", "neu verlegte Glasfaser in {muni}", (1, 180), "float"),
    ("Schulen", "mit WLAN und Tablets ausgestattete Schulen", (2, 45), "int"),
    ("Prozent", "Anteil der online gestellten Anträge", (5, 95), "float"),
    ("Ehrenamtliche", "Ehrenamtliche, die bei „{title}“ mitgewirkt haben", (5, 300), "int"),
)
QUALIFIERS = ("", "", "über", "mehr als", "insgesamt", "rund", "knapp")
ROLE_TITLES = (
    "Oberbürgermeisterin", "Oberbürgermeister", "Bürgermeister", "Bürgermeisterin", "Chief Digital Officer",
    "Leiterin der Stabsstelle Digitalisierung", "Leiter der Stabsstelle Digitalisierung", "Geschäftsführer",
    "Geschäftsführerin", "Projektleiterin", "Projektleiter", "Beigeordneter für Digitales", "Ortsvorsteherin",
    "Quartiersmanager", "Datenschutzbeauftragte", "Smart-City-Managerin", "Digitallotse",
)
MONTHS = (
    "", "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
    "Dezember",
)
SEASON_TEXT = {
    "spring": ("Im Frühjahr", "Im Frühling"),
    "summer": ("Im Sommer", "In den Sommerferien"),
    "autumn": ("Im Herbst", "Nach den Herbstferien"),
    "winter": ("Im Winter", "In der Adventszeit"),
}
# How often each date form occurs: days and months most, every other form still well represented.
PRECISIONS = (("day", 40), ("month", 22), ("season", 10), ("start", 8), ("end", 8), ("year", 12))

SHARED_ORGANISATIONS = (
    ("o-mdi", "Ministerium für Digitales und Innovation", "MDI", "ministry"),
    ("o-bmwsb", "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen", "BMWSB", "ministry"),
    ("o-mkuem", "Ministerium für Klimaschutz, Umwelt, Energie und Mobilität", "MKUEM", "ministry"),
    ("o-bsi", "Bundesamt für Sicherheit in der Informationstechnik", "BSI", "federal-agency"),
    ("o-bbsr", "Bundesinstitut für Bau-, Stadt- und Raumforschung", "BBSR", "federal-agency"),
    (
        "o-fraunhofer-iese",
        "Fraunhofer-Institut für Experimentelles Software Engineering",
        "Fraunhofer IESE",
        "research",
    ),
    ("o-tu-suedpfalz", "Technische Universität Südpfalz", "TU Südpfalz", "research"),
    ("o-hs-ueberwald", "Hochschule Überwald", "", "research"),
    ("o-medienanstalt-suedwest", "Medienanstalt Südwest", "", "media-authority"),
    ("o-digitalbeirat", "Digitalbeirat der Region", "", "advisory-board"),
    ("o-gemeindebund", "Städte- und Gemeindebund", "", "association"),
    ("o-digitale-nachbarschaft", "Verein Digitale Nachbarschaft e. V.", "", "association"),
    ("o-glasfaser-sued", "Glasfaser Süd GmbH", "", "company"),
    ("o-datenwerk", "Datenwerk AG", "", "company"),
    ("o-kommunalsoftware", "Kommunale Datenverarbeitung Südwest", "KDS", "other"),
)
PROGRAMMES = (
    ("prog-smarte-region", "Smarte Region Südwest", "SRS"),
    ("prog-digitale-doerfer", "Förderprogramm Digitale Dörfer", "Digitale Dörfer"),
    ("prog-bildung", "Zukunftsfonds Digitale Bildung", ""),
    ("prog-glasfaser", "Landesprogramm Glasfaser für alle", ""),
    ("prog-verwaltung-2030", "Bürgernahe Verwaltung 2030", "BV 2030"),
    ("prog-klima-digital", "Klimaschutz durch Digitalisierung", ""),
    ("prog-ehrenamt", "Ehrenamt digital", ""),
    ("prog-innenstadt", "Innenstadt-Offensive „Lebendige Mitte“", "Lebendige Mitte"),
    ("prog-mobilitaet", "Mobilitätswende vor Ort", ""),
    ("prog-pflege", "Gesundheit & Pflege digital", ""),
)
NETWORKS = (
    ("n-ikds", "Interkommunales Netzwerk Digitale Städte", "IKDS", "prog-smarte-region"),
    ("n-srv", "Smart-Region-Verbund Südwest", "SRV", "prog-smarte-region"),
    ("n-dorf", "Netzwerk Digitale Dörfer", "", "prog-digitale-doerfer"),
    ("n-opendata", "Open-Data-Allianz der Kommunen", "ODA", ""),
    ("n-portale", "Arbeitskreis Bürgerportale", "", "prog-verwaltung-2030"),
    ("n-klima", "Städtenetzwerk Klima & Daten", "", "prog-klima-digital"),
    ("n-bildung", "Forum Digitale Bildung", "", "prog-bildung"),
    ("n-lora", "Verbund LoRaWAN Süd", "", ""),
)
SHARED_PEOPLE = 12
# fmt: on


# --- helpers -------------------------------------------------------------------------------------------
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "ë": "e", "ł": "l", "ó": "o"})


def slug(text: str) -> str:
    """An id fragment: lower case, umlauts and ß spelled out, everything else a hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(_FOLD)).strip("-")


def german_number(value: float) -> str:
    """1234567 -> '1.234.567', 12.5 -> '12,5'."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:.1f}".split(".")
        return f"{int(whole):,}".replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the realistic vocabulary --------------------------------------------------------------------------
VOCABULARIES = ("default", "realistic")
LEXICON_SIZE = 200_000
ZIPF_EXPONENT = 1.0
# The most frequent words of German text, in about the order of their frequency: the head of the lexicon.
# fmt: off
FUNCTION_WORDS = (
    "die", "der", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im", "dem",
    "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "nach", "wird",
    "bei", "einer", "um", "am", "sind", "noch", "wie", "einem", "über", "einen", "so", "zum", "war", "haben", "nur",
    "oder", "aber", "vor", "zur", "bis", "mehr", "durch", "man", "sein", "wurde", "sei", "unter", "sowie", "wieder",
    "dann", "ihre", "ihr", "schon", "seit", "diese", "dieser", "soll", "kann", "viele", "neue", "gemeinsam",
    "zudem", "bereits", "rund", "weitere", "erste", "beim", "gegen"
)
REAL_STEMS = (
    "Haus", "Platz", "Weg", "Stadt", "Rat", "Schul", "Bahn", "Markt", "Wald", "Feld", "Netz", "Dienst",
    "Bürger", "Verein", "Kirchen", "Brücken", "Garten", "Straßen", "Wasser", "Strom", "Wärme", "Licht",
    "Daten", "Karten", "Pflege", "Kinder", "Jugend", "Senioren", "Förder", "Sport", "Bau", "Turm", "Mühlen",
    "Hof", "Tor", "Bach", "Quell", "Werk", "Zeit", "Raum", "Kreis", "Land", "Dorf", "Fest", "Spiel", "Buch",
    "Bild", "Ton", "Funk", "Post", "Zug", "Rad", "Auto", "Bus", "Gemeinde", "Verwaltungs", "Arbeits", "Lern",
    "Bildungs", "Kultur", "Kunst", "Musik", "Theater", "Museums", "Heimat", "Natur", "Umwelt", "Klima",
    "Energie", "Solar", "Wind", "Regen", "Boden", "Baum", "Blumen", "Wiesen", "Acker", "Wein", "Obst",
    "Brot", "Milch", "Fleisch", "Fisch", "Wirtschafts", "Handels", "Laden", "Kauf", "Geld", "Steuer",
    "Haushalts", "Rechts", "Ordnungs", "Sicherheits", "Feuerwehr", "Rettungs", "Gesundheits", "Ärzte",
    "Kranken", "Apotheken", "Familien", "Eltern", "Schüler", "Lehrer", "Studien", "Forschungs", "Wissens",
    "Technik", "Software", "Geräte", "Sensor", "Mess", "Prüf", "Plan", "Entwurf", "Bericht", "Antrags",
    "Melde", "Ausweis", "Termin", "Sprech", "Beratungs", "Hilfe", "Nachbarschafts", "Ehrenamts", "Begegnungs",
    "Sommer", "Winter", "Frühjahrs", "Herbst", "Abend", "Morgen", "Wochen", "Jahres", "Monats", "Tages",
    "Grenz", "Fluss", "Ufer", "Hafen", "Insel", "Berg", "Hügel", "Tal", "Höhen", "Wander", "Rad", "Fahrrad",
    "Fußgänger", "Park", "Lade", "Tank", "Wohn", "Miet", "Grund", "Flächen", "Gewerbe", "Industrie",
    "Handwerks", "Meister", "Gesellen", "Lehrlings", "Glocken", "Orgel", "Chor", "Tanz", "Schützen", "Karnevals",
    "Fastnachts", "Kerwe", "Brunnen", "Schloss", "Burg", "Mauer", "Gassen", "Winkel", "Ecken", "Viertel",
)
HEADS = (
    "ung", "ungen", "heit", "keit", "schaft", "plan", "konzept", "anlage", "stelle", "büro", "amt", "haus",
    "platz", "weg", "fest", "tag", "woche", "gruppe", "kreis", "rat", "netz", "werk", "zentrum", "bereich",
    "leitung", "förderung", "beratung", "verwaltung", "planung", "messung", "nutzung", "pflege", "bildung",
    "arbeit", "stätte", "bühne", "halle", "garten", "straße", "brücke", "gebäude", "projekt", "programm",
    "angebot", "aktion", "initiative", "kampagne", "versammlung", "sitzung", "satzung", "ordnung", "gebühr",
)
ONSETS = (
    "b", "br", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "h", "k", "kl", "kn", "kr", "l", "m", "n", "p", "pf",
    "r", "s", "sch", "schl", "schm", "schn", "schr", "schw", "sp", "st", "str", "t", "tr", "w", "z", "zw",
)
VOWELS = ("a", "e", "i", "o", "u", "ä", "ö", "ü", "au", "ei", "eu", "ie", "ah", "ee")
CODAS = (
    "", "ch", "cht", "ck", "f", "ft", "g", "l", "ld", "lt", "m", "n", "nd", "ng", "nk", "r", "rg", "rt", "s",
    "ß", "st", "t", "tz", "rn", "lm",
)
ENDINGS = ("", "", "", "en", "er", "e", "ern", "ung", "heit", "lich", "ig", "isch", "chen", "ling", "nis")
ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
# fmt: on


class Lexicon:
    """A German-looking vocabulary with Zipf-like frequencies, the same for a seed in every process.

    The head is made of German function words; then come, in an order shuffled by the seed, compounds of
    real stems ("Wiesenbrunnenplanung"), real stems with made-up syllables ("Grauchwerk"), made-up words
    with German endings ("Schmiftlicher") and adjectives of them. The word of rank r is drawn with weight
    1 / r ** ZIPF_EXPONENT, which makes a few words very common and most of the lexicon rare."""

    def __init__(self, seed: int, size: int = LEXICON_SIZE) -> None:
        rng = random.Random(f"herzlich-bench/{seed}/lexicon")
        words: list[str] = list(FUNCTION_WORDS)
        seen = set(words)
        while len(words) < size:
            word = self._word(rng)
            if word not in seen:
                seen.add(word)
                words.append(word)
        head, tail = words[: len(FUNCTION_WORDS)], words[len(FUNCTION_WORDS) :]
        rng.shuffle(tail)
        self.words = head + tail
        total = 0.0
        self.cumulative: list[float] = []
        for rank in range(1, len(self.words) + 1):
            total += 1 / rank**ZIPF_EXPONENT
            self.cumulative.append(total)

    @staticmethod
    def _syllable(rng: random.Random) -> str:
        return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)

    def _word(self, rng: random.Random) -> str:
        form = rng.random()
        if form < 0.35:  # compound of real stems
            word = rng.choice(REAL_STEMS) + rng.choice(REAL_STEMS).lower() + rng.choice(HEADS)
        elif form < 0.55:  # a made-up stem in a compound
            word = _cap(self._syllable(rng)) + rng.choice(REAL_STEMS).lower() + rng.choice(("", *HEADS))
        elif form < 0.85:  # a made-up noun
            word = _cap(self._syllable(rng) + self._syllable(rng) * rng.randint(0, 1)) + rng.choice(ENDINGS)
        else:  # an adjective, inflected
            word = (
                self._syllable(rng) + rng.choice(("lich", "ig", "isch", "bar", "sam")) + rng.choice(ADJECTIVE_ENDINGS)
            )
        return word

    def sentence(self, rng: random.Random, low: int = 6, high: int = 16) -> str:
        """A sentence of low..high words drawn by frequency: capitalised, with a comma now and then."""
        count = rng.randint(low, high)
        drawn = rng.choices(self.words, cum_weights=self.cumulative, k=count)
        parts = [w + ("," if i and i < count - 2 and rng.random() < 0.08 else "") for i, w in enumerate(drawn)]
        return _cap(" ".join(parts)) + "."


_LEXICONS: dict[int, Lexicon] = {}


def lexicon(seed: int) -> Lexicon:
    """The lexicon of a seed, built once per process."""
    if seed not in _LEXICONS:
        _LEXICONS[seed] = Lexicon(seed)
    return _LEXICONS[seed]


@dataclass(frozen=True)
class Municipality:
    """What every file may know about every municipality: enough to refer to its main records."""

    index: int
    name: str
    slug: str
    kind: str  # "city" or "municipality"
    years: tuple[int, ...]
    events: tuple[int, ...]  # events per year, in step with `years`
    networks: tuple[str, ...]

    @property
    def org(self) -> str:
        return f"o-{self.slug}"

    @property
    def label(self) -> str:
        return f"Stadt {self.name}" if self.kind == "city" else f"Gemeinde {self.name}"

    def review(self, year: int) -> str:
        return f"r-{self.slug}-{year}"


@dataclass(frozen=True)
class Plan:
    """Everything decided up front from the master seed; each file is then built from it alone."""

    seed: int
    events: int
    municipalities: tuple[Municipality, ...]
    rare_in: int  # index of the municipality whose first event names RARE_WORD
    vocabulary: str = "default"  # "realistic": a sentence from the Lexicon added to each event's summary


def _names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        prefix = rng.choice(NAME_PREFIXES)
        stem = rng.choice(NAME_STEMS)
        suffix = rng.choice(NAME_SUFFIXES)
        # "Groß" + "Linden" + "heim" is one word, "Bad " + "Linden" + "heim" two.
        name = prefix + (stem.lower() if prefix and not prefix.endswith(" ") else stem) + suffix
        if rng.random() < 0.1:
            name += rng.choice(NAME_ADDITIONS)
        key = slug(name)
        if key in seen or "kaiserslautern" in key:
            continue
        seen.add(key)
        names.append(name)
    return names


def plan(events: int, seed: int, municipalities: int | None = None, vocabulary: str = "default") -> Plan:
    """Decide the municipalities, their years and how many events each review holds."""
    rng = random.Random(f"herzlich-bench/{seed}")
    count = municipalities or max(8, round(events / 250))
    names = _names(rng, count)
    spans: list[tuple[int, ...]] = []
    for _ in range(count):
        length = rng.randint(4, len(YEARS))
        start = rng.randint(0, len(YEARS) - length)
        spans.append(YEARS[start : start + length])
    slots = [(m, y) for m, span in enumerate(spans) for y in range(len(span))]
    base, extra = divmod(events, len(slots))
    bonus = set(rng.sample(range(len(slots)), extra))
    per: list[list[int]] = [[0] * len(span) for span in spans]
    for i, (m, y) in enumerate(slots):
        per[m][y] = base + (1 if i in bonus else 0)
    network_ids = [n[0] for n in NETWORKS]
    munis = tuple(
        Municipality(
            index=m,
            name=name,
            slug=slug(name),
            kind="city" if rng.random() < 0.55 else "municipality",
            years=spans[m],
            events=tuple(per[m]),
            networks=tuple(sorted(rng.sample(network_ids, rng.randint(1, 3)), key=network_ids.index)),
        )
        for m, name in enumerate(names)
    )
    # The rare word goes to a municipality that has at least one event.
    candidates = [m.index for m in munis if sum(m.events)]
    rare_in = candidates[len(candidates) // 2] if candidates else -1
    return Plan(seed, events, munis, rare_in, vocabulary)


def _date(rng: random.Random, year: int) -> tuple[str, str]:
    """A date string at a random precision, and a date_text ('' when the text would add nothing)."""
    form = rng.choices([p for p, _ in PRECISIONS], [w for _, w in PRECISIONS])[0]
    if form == "day":
        month = rng.randint(1, 12)
        days = (31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
        day = rng.randint(1, days)
        text = rng.choice(("", "", f"Am {day}. {MONTHS[month]}", f"Ab dem {day}. {MONTHS[month]}"))
        return f"{year:04d}-{month:02d}-{day:02d}", text
    if form == "month":
        month = rng.randint(1, 12)
        text = rng.choice(("", f"Im {MONTHS[month]}", f"Anfang {MONTHS[month]}", f"Ende {MONTHS[month]}"))
        return f"{year:04d}-{month:02d}", text
    if form == "season":
        season = rng.choice(("spring", "summer", "autumn", "winter"))
        return f"{year:04d}-{season}", rng.choice(SEASON_TEXT[season])
    if form == "start":
        return f"{year:04d}-start", rng.choice((f"Das Jahr {year} startete mit …", "Zu Jahresbeginn"))
    if form == "end":
        return f"{year:04d}-end", rng.choice(("Zum Jahresende", "Kurz vor Weihnachten", "Im Dezember"))
    return f"{year:04d}", rng.choice(("", "Im Laufe des Jahres", "Über das ganze Jahr"))


# The fields whose words a reader sees (and a search finds); the others hold ids, dates and links.
TEXT_KEYS = frozenset(
    (
        "title",
        "subtitle",
        "name",
        "short_name",
        "summary",
        "description",
        "text",
        "note",
        "place",
        "measures",
        "date_text",
        "count_text",
        "publisher",
        "municipality",
        "topic",
        "honorific",
        "unit",
        "qualifier",
    )
)
_TEXT_WORD = re.compile(r"[^\W\d_]+")


class _File:
    """Records of one output file, by kind, with a check that ids stay unique inside it."""

    def __init__(self) -> None:
        self.kinds: dict[str, list[dict[str, Any]]] = {}
        self.ids: set[str] = set()

    def add(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        if record["id"] in self.ids:
            raise AssertionError(f"duplicate id {record['id']}")
        self.ids.add(record["id"])
        self.kinds.setdefault(kind, []).append({k: v for k, v in record.items() if v not in ("", [], None)})
        return record

    def count(self) -> int:
        return sum(len(v) for v in self.kinds.values())

    def word_counts(self) -> Counter[str]:
        """How often each word (lower case) occurs in the records' text, ids and references left out."""
        counts: Counter[str] = Counter()
        for records in self.kinds.values():
            for record in records:
                for key, value in record.items():
                    if key in TEXT_KEYS and isinstance(value, str):
                        counts.update(_TEXT_WORD.findall(value.lower()))
        return counts

    def dump(self, header: str, *, compact: bool = False) -> str:
        if not compact:
            return header + tomli_w.dumps(self.kinds)
        # Arrays on one line (tomli_w writes one element per line), as a hand-written file would have them.
        # JSON's strings, integers and arrays of strings are valid TOML; anything else (a float's NaN, a
        # table) would not be, and is refused rather than written wrong.
        lines = [header.rstrip("\n")]
        for kind, records in self.kinds.items():
            for record in records:
                lines += ["", f"[[{kind}]]"]
                for key, value in record.items():
                    if not _compact_safe(value):
                        raise TypeError(f"compact TOML holds str, int and lists of str; {kind}.{key} is {value!r}")
                    lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        return "\n".join(lines) + "\n"


def _compact_safe(value: object) -> bool:
    if isinstance(value, list):
        return all(isinstance(one, str) for one in value)
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


# --- the shared file -----------------------------------------------------------------------------------
def shared_file(p: Plan) -> _File:
    rng = random.Random(f"herzlich-bench/{p.seed}/shared")
    out = _File()
    munis = p.municipalities
    all_reviews = [m.review(y) for m in munis for y in m.years]

    def sources(k: int = 2) -> list[str]:
        return sorted(rng.sample(all_reviews, min(k, len(all_reviews))))

    for oid, name, short, kind in SHARED_ORGANISATIONS:
        out.add(
            "organisation",
            {
                "id": oid,
                "name": name,
                "short_name": short,
                "kind": kind,
                "description": f"{name} begleitet Kommunen der Region bei der Digitalisierung.",
                "sources": sources(3),
            },
        )
    for pid, name, short in PROGRAMMES:
        network = next((n[0] for n in NETWORKS if n[3] == pid), "")
        funders = sorted(rng.sample([o[0] for o in SHARED_ORGANISATIONS if o[3] in ("ministry", "federal-agency")], 2))
        out.add(
            "programme",
            {
                "id": pid,
                "name": name,
                "short_name": short,
                "funders": funders,
                "network": network,
                "description": f"Das Programm „{name}“ fördert Vorhaben, die die Digitalisierung vor Ort voranbringen.",
                "sources": sources(3),
            },
        )
    for i, (nid, name, short, programme) in enumerate(NETWORKS):
        members = [m for m in munis if nid in m.networks] or list(munis)
        lead = members[i % len(members)]
        out.add(
            "network",
            {
                "id": nid,
                "name": name,
                "short_name": short,
                "lead": lead.org,
                "programme": programme,
                "description": f"Zusammenschluss von Kommunen unter Federführung der {lead.label}.",
                "sources": sources(2),
            },
        )
    for i in range(SHARED_PEOPLE):
        given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
        pid = f"pe-shared-{i:02d}"
        org = SHARED_ORGANISATIONS[i % len(SHARED_ORGANISATIONS)]
        out.add(
            "person",
            {
                "id": pid,
                "name": f"{given} {family}",
                "honorific": rng.choice(("", "", "Dr.", "Prof.", "Prof. Dr.")),
                "description": f"Ansprechperson bei {org[1]}.",
                "sources": sources(2),
            },
        )
        years = sorted(rng.sample(YEARS, 3))
        out.add(
            "role",
            {
                "id": f"ro-{pid}",
                "person": pid,
                "title": rng.choice(
                    ("Referatsleiterin", "Referent", "Professorin", "Abteilungsleiter", "Staatssekretärin")
                ),
                "organisation": org[0],
                "years": years,
                "sources": sources(1),
            },
        )
    return out


def shared_people() -> list[str]:
    """The ids shared_file gives its people (they do not depend on the random choices of names)."""
    return [f"pe-shared-{i:02d}" for i in range(SHARED_PEOPLE)]


# --- one municipality ----------------------------------------------------------------------------------
def municipality_file(p: Plan, m: Municipality, shared_person_ids: Sequence[str]) -> _File:
    rng = random.Random(f"herzlich-bench/{p.seed}/{m.index}")
    # The realistic vocabulary draws from a generator of its own, so that the rest comes out as by default.
    words = lexicon(p.seed) if p.vocabulary == "realistic" else None
    words_rng = random.Random(f"herzlich-bench/{p.seed}/{m.index}/words")
    out = _File()
    munis = p.municipalities
    neighbour = munis[(m.index + 1) % len(munis)]
    name = m.name
    reviews = {y: m.review(y) for y in m.years}

    # Reviews
    for year in m.years:
        n_events = m.events[m.years.index(year)]
        topics = ", ".join(t[1] for t in rng.sample(TOPICS, 3))
        out.add(
            "review",
            {
                "id": reviews[year],
                "year": year,
                "title": rng.choice(
                    (
                        f"Jahresrückblick {year}",
                        f"Der digitale Jahresrückblick {year}",
                        f"{name} digital: Rückblick auf {year}",
                    )
                ),
                "subtitle": rng.choice(
                    ("", "Gemeinsam in die digitale Zukunft", "Schritt für Schritt zur smarten Kommune")
                ),
                "publisher": m.label,
                "municipality": name,
                "summary": f"Rückblick auf das Jahr {year} in {name} mit {n_events} Ereignissen; Schwerpunkte waren "
                f"{topics}.",
                "file": f"{m.slug}-{year}.txt",
                "url": f"https://www.{m.slug}.de/rueckblick-{year}",
            },
        )

    def srcs(*years: int) -> list[str]:
        return sorted({reviews[y] for y in years if y in reviews}) or [reviews[m.years[0]]]

    def some_years(k: int) -> list[int]:
        return sorted(rng.sample(m.years, min(k, len(m.years))))

    # Organisations: the municipality, its administration and units, a company, a team, an office, ...
    orgs: list[str] = []

    def org(oid: str, org_name: str, kind: str, parent: str = "", short: str = "", description: str = "") -> str:
        out.add(
            "organisation",
            {
                "id": oid,
                "name": org_name,
                "short_name": short,
                "kind": kind,
                "parent": parent,
                "place": name,
                "description": description,
                "sources": srcs(*some_years(2)),
            },
        )
        orgs.append(oid)
        return oid

    main = org(m.org, m.label, m.kind, description=f"Die {m.label} und ihre Digitalisierungsstrategie.")
    admin = org(
        f"o-{m.slug}-verwaltung",
        f"{'Stadt' if m.kind == 'city' else 'Gemeinde'}verwaltung {name}",
        "administration",
        main,
    )
    for unit_name, short in rng.sample(UNIT_NAMES, 3):
        org(
            f"o-{m.slug}-{slug(unit_name)}",
            unit_name,
            "city-unit",
            admin,
            short,
            f"{unit_name} der Verwaltung in {name}.",
        )
    company = org(
        f"o-{m.slug}-digital-gmbh",
        f"{name} digital GmbH",
        "company",
        main,
        f"{name} digital",
        "Städtische Tochtergesellschaft für Digitalisierung.",
    )
    org(
        f"o-{m.slug}-team",
        f"Team Digitales {name}",
        "team",
        description="Das Digitalisierungsteam aus Verwaltung und Tochter.",
    )
    district = rng.choice(DISTRICTS)
    org(f"o-{m.slug}-ortsteil", f"Ortsteil {district}", "district", main)
    org(f"o-{m.slug}-stadtteilbuero", f"Stadtteilbüro {district}", "neighbourhood-office", main)
    org(f"o-{m.slug}-freifunk", f"Förderverein Freifunk {name} e. V.", "association")
    partner_pool = orgs + [o[0] for o in SHARED_ORGANISATIONS] + [neighbour.org]

    # People and their roles
    people: list[str] = []
    for i in range(rng.randint(5, 8)):
        given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
        pid = f"pe-{m.slug}-{i:02d}-{slug(family)}"
        people.append(pid)
        attested = some_years(rng.randint(1, 4))
        out.add(
            "person",
            {
                "id": pid,
                "name": f"{given} {family}",
                "honorific": rng.choice(("", "", "", "Dr.")),
                "description": rng.choice(("", f"Gestaltet die Digitalisierung in {name} seit vielen Jahren mit.")),
                "sources": srcs(*attested),
            },
        )
        for j in range(rng.randint(1, 2)):
            start, until = (_date(rng, attested[0])[0], "") if j == 0 else ("", _date(rng, attested[-1])[0])
            out.add(
                "role",
                {
                    "id": f"ro-{pid}-{j}",
                    "person": pid,
                    "title": rng.choice(ROLE_TITLES),
                    "organisation": rng.choice([*orgs[:6], company]),
                    "from": start,
                    "until": until,
                    "years": attested,
                    "note": rng.choice(("", "", "kommissarisch", "seit der Neuorganisation")),
                    "sources": srcs(*attested),
                },
            )
    shared_pool = list(shared_person_ids)
    people_pool = people + shared_pool[:2]

    # Projects, sub-projects and their years
    projects: list[tuple[str, str, tuple[int, ...]]] = []  # id, topic title, active years

    def project(pid: str, title: str, active: tuple[int, ...], parent: str = "", programme: str = "") -> None:
        topic = rng.choice(TOPICS)
        out.add(
            "project",
            {
                "id": pid,
                "title": title,
                "programme": programme,
                "parent": parent,
                "partners": sorted(rng.sample(partner_pool, rng.randint(1, 3))),
                "people": sorted(rng.sample(people_pool, rng.randint(0, 2))),
                "summary": f"{_cap(topic[0])} soll den Alltag in {name} erleichtern. "
                + rng.choice(SENTENCES).format(**_slots(rng, name, partner_pool, people, topic)),
                "sources": srcs(*active),
            },
        )
        projects.append((pid, title, active))
        for year in active:
            out.add(
                "project_year",
                {
                    "id": f"py-{pid}-{year}",
                    "project": pid,
                    "year": year,
                    "summary": rng.choice(SENTENCES).format(**_slots(rng, name, partner_pool, people, topic)),
                    "sources": srcs(year),
                },
            )

    for i, (_topic, title) in enumerate(rng.sample(TOPICS, min(len(TOPICS), 4 + len(m.years) // 2))):
        length = rng.randint(1, len(m.years))
        first = rng.randint(0, len(m.years) - length)
        active = m.years[first : first + length]
        programme = rng.choice([pr[0] for pr in PROGRAMMES] + [""])
        pid = f"p-{m.slug}-{i:02d}-{slug(title)}"
        project(pid, f"{title} {name}", active, programme=programme)
        if rng.random() < 0.4:
            for j in range(rng.randint(1, 2)):
                sub_active = active[: rng.randint(1, len(active))]
                project(f"{pid}-tp{j + 1}", f"Teilprojekt {j + 1}: {rng.choice(EVENT_KINDS)} {title}", sub_active, pid)

    # Memberships of the municipality's networks, one per network and year
    for nid in m.networks:
        for year in m.years[rng.randint(0, len(m.years) - 1) :]:
            members = [main] + ([neighbour.org] if rng.random() < 0.3 and neighbour.org != main else [])
            count = rng.choice((None, None, rng.randint(5, 60)))
            out.add(
                "membership",
                {
                    "id": f"m-{nid}-{year}-{m.slug}",
                    "network": nid,
                    "year": year,
                    "count": count,
                    "count_text": f"mittlerweile {count} Kommunen aus der Region" if count else "",
                    "members": members,
                    "members_complete": False,
                    "note": rng.choice(("", f"{name} ist seit {year} dabei.")),
                    "sources": srcs(year),
                },
            )

    # Events, figures and quotes per year
    for year, n_events in zip(m.years, m.events, strict=True):
        active = [pr for pr in projects if year in pr[2]] or projects
        event_ids: list[tuple[str, str]] = []
        for k in range(n_events):
            topic = rng.choice(TOPICS)
            slots = _slots(rng, name, partner_pool, people, topic)
            date, date_text = _date(rng, year)
            place = slots["place"]
            title = rng.choice(EVENT_TITLES).format(kind=rng.choice(EVENT_KINDS), **slots)
            if m.index == p.rare_in and year == m.years[0] and k == 0:
                title, place = f"Quartiersfest im {RARE_WORD}", RARE_WORD
            eid = f"e-{m.slug}-{year}-{k:04d}"
            summary = " ".join(s.format(**slots) for s in rng.sample(SENTENCES, rng.randint(2, 3)))
            if words is not None:
                summary += " " + words.sentence(words_rng)
            ev_people = rng.sample(people, rng.randint(0, 2))
            if rng.random() < 0.1:
                ev_people.append(rng.choice(shared_pool))
            out.add(
                "event",
                {
                    "id": eid,
                    "title": title,
                    "date": date,
                    "date_text": date_text,
                    "summary": summary,
                    "place": place if rng.random() < 0.6 else "",
                    "projects": sorted(
                        pr[0] for pr in rng.sample(active, min(len(active), rng.choice((0, 1, 1, 1, 2))))
                    ),
                    "people": sorted(set(ev_people)),
                    "organisations": sorted(rng.sample(partner_pool, rng.randint(1, 2))),
                    "networks": sorted(rng.sample(m.networks, rng.choice((0, 0, 0, 1)))),
                    "sources": srcs(year),
                },
            )
            event_ids.append((eid, title))
        for k in range(max(1, n_events // 5) if n_events else 0):
            eid, etitle = rng.choice(event_ids)
            unit, measures, (low, high), kind = rng.choice(FIGURES)
            value: float = rng.randint(low, high) if kind == "int" else round(rng.uniform(low, high), 1)
            qualifier = rng.choice(QUALIFIERS)
            topic = rng.choice(TOPICS)
            out.add(
                "figure",
                {
                    "id": f"f-{m.slug}-{year}-{k:04d}",
                    "value": value,
                    "unit": unit,
                    "qualifier": qualifier,
                    "text": " ".join(x for x in (qualifier, german_number(value), unit) if x),
                    "measures": measures.format(title=etitle, Title=topic[1], muni=name),
                    "year": year,
                    "projects": sorted(pr[0] for pr in rng.sample(active, rng.choice((0, 1)))),
                    "events": [eid],
                    "networks": sorted(rng.sample(m.networks, rng.choice((0, 0, 1)))),
                    "organisations": [main] if rng.random() < 0.5 else [],
                    "sources": srcs(year),
                },
            )
        for k in range(max(1, n_events // 10) if n_events else 0):
            eid, _ = rng.choice(event_ids)
            topic = rng.choice(TOPICS)
            speakers = rng.sample(people, rng.randint(1, 2))
            out.add(
                "quote",
                {
                    "id": f"q-{m.slug}-{year}-{k:04d}",
                    "people": speakers,
                    "text": rng.choice(QUOTES).format(muni=name, topic=topic[0]),
                    "topic": topic[1],
                    "year": year,
                    "projects": sorted(pr[0] for pr in rng.sample(active, rng.choice((0, 1)))),
                    "events": [eid],
                    "sources": srcs(year),
                },
            )
    return out


def _slots(
    rng: random.Random, muni: str, partners: Sequence[str], people: Sequence[str], topic: tuple[str, str]
) -> dict[str, Any]:
    org_names = {o[0]: o[1] for o in SHARED_ORGANISATIONS}
    partner = rng.choice(partners)
    return {
        "topic": topic[0],
        "Topic": _cap(topic[0]),
        "Title": topic[1],
        "muni": muni,
        "org": org_names.get(partner, f"der Verwaltung von {muni}" if partner.startswith("o-") else partner),
        "place": rng.choice(PLACES),
        "n": rng.randint(12, 480),
        "person": rng.choice(("Die Projektleiterin", "Der Bürgermeister", "Das Team", "Die Digitallotsin")),
    }


# --- writing -------------------------------------------------------------------------------------------
# --- the reference shape ---------------------------------------------------------------------------
# The figures the speed targets were set against (tomllib reading 100,000 events in 2.0 s) were taken on
# 13.5 MB of TOML: about 135 bytes per event, an id, a title, a date and little else. The full profile above
# writes events as the real reviews do (a summary of two or three sentences, people, organisations,
# projects): six times the text. `profile="reference"` writes each municipality's reviews and events in the
# reference shape (a short title, a date, a summary of a few words, the review), and nothing else.
REFERENCE_SUMMARIES = ("Mit {n} Gästen.", "Im {place}.", "Gut besucht.", "Online.", "Erster Schritt.")


def reference_file(p: Plan, m: Municipality) -> _File:
    rng = random.Random(f"herzlich-bench/{p.seed}/{m.index}/reference")
    out = _File()
    for year, n_events in zip(m.years, m.events, strict=True):
        review = f"r-{m.index}-{year}"  # short ids, as in the reference data
        out.add(
            "review",
            {
                "id": review,
                "year": year,
                "title": f"Jahresrückblick {year}",
                "publisher": m.label,
                "municipality": m.name,
                "summary": f"Rückblick auf {year}.",
            },
        )
        for k in range(n_events):
            topic = rng.choice(TOPICS)
            place = rng.choice(PLACES)
            date, _ = _date(rng, year)
            title = f"{rng.choice(EVENT_KINDS)}: {topic[1]}"
            if m.index == p.rare_in and year == m.years[0] and k == 0:
                title, place = f"Quartiersfest im {RARE_WORD}", RARE_WORD
            summary = rng.choice(REFERENCE_SUMMARIES).format(n=rng.randint(12, 480), place=place)
            out.add(
                "event",
                {
                    "id": f"e-{m.slug}-{year}-{k:04d}",
                    "title": title,
                    "date": date,
                    "summary": summary,
                    "sources": [review],
                },
            )
    return out


def _header(p: Plan, what: str) -> str:
    return (
        f"# Synthetic review data for herzlich-tui benchmarks ({what}); not real.\n"
        f"# Generated by benchmarks/generate.py --events {p.events} --seed {p.seed}.\n\n"
    )


def _write_one(args: tuple[Plan, int | None, str, str]) -> tuple[str, int, int, Counter[str]]:
    p, index, out_dir, profile = args
    if index is None:
        name, built, what = "shared.toml", shared_file(p), "shared records"
    elif profile == "reference":
        m = p.municipalities[index]
        name, built, what = f"kommunen/{m.slug}.toml", reference_file(p, m), f"{m.name}, reference shape"
    else:
        m = p.municipalities[index]
        name, built, what = f"kommunen/{m.slug}.toml", municipality_file(p, m, shared_people()), m.name
    text = built.dump(_header(p, what), compact=profile == "reference")
    data = text.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise SystemExit(f"{name} would be {len(data) / 1e6:.1f} MB; use more --municipalities")
    target = Path(out_dir) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return name, built.count(), len(data), built.word_counts()


def generator_version() -> str:
    """A fingerprint of this script: data written by another version of it is written anew by run.py."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


PROFILES = ("full", "reference")


def generate(
    out_dir: Path,
    events: int,
    seed: int = 1,
    municipalities: int | None = None,
    jobs: int | None = None,
    profile: str = "full",
    vocabulary: str = "default",
) -> dict[str, Any]:
    """Write the data set into out_dir (replacing a previous one there) and return its manifest.
    `profile`: "full" (records of every kind, events as the real reviews write them) or "reference" (only
    reviews and short events, the shape the issue's reference figures were taken on). `vocabulary`:
    "default" (the phrases above) or "realistic" (a sentence from the Lexicon added to each event's summary;
    full profile only)."""
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {PROFILES}")
    if vocabulary not in VOCABULARIES:
        raise ValueError(f"vocabulary must be one of {VOCABULARIES}")
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    if manifest_path.exists():
        for name in json.loads(manifest_path.read_text(encoding="utf-8")).get("files", []):
            (out_dir / name).unlink(missing_ok=True)
        manifest_path.unlink()
    stray = [p for p in out_dir.rglob("*.toml")]
    if stray:
        raise SystemExit(f"{out_dir} holds TOML files this script did not write (e.g. {stray[0]}); use an empty folder")
    p = plan(events, seed, municipalities, vocabulary)
    tasks: list[tuple[Plan, int | None, str, str]] = (
        [] if profile == "reference" else [(p, None, str(out_dir), profile)]
    )
    tasks += [(p, m.index, str(out_dir), profile) for m in p.municipalities]
    # Name the files before writing them, so that an interrupted run is cleaned up by the next one.
    planned = [
        *([] if profile == "reference" else ["shared.toml"]),
        *(f"kommunen/{m.slug}.toml" for m in p.municipalities),
    ]
    manifest_path.write_text(json.dumps({"files": planned, "complete": False}) + "\n", encoding="utf-8")
    jobs = jobs or min(os.cpu_count() or 1, 8)
    if jobs > 1 and len(tasks) > 8:
        with ProcessPoolExecutor(jobs) as pool:
            written = list(pool.map(_write_one, tasks, chunksize=max(1, len(tasks) // (jobs * 8))))
    else:
        written = [_write_one(t) for t in tasks]
    words: Counter[str] = Counter()
    for *_, counts in written:
        words.update(counts)
    manifest = {
        "complete": True,
        "events": events,
        "profile": profile,
        "vocabulary": vocabulary,
        "seed": seed,
        "municipalities": len(p.municipalities),
        "generator": generator_version(),
        "reviews": sum(len(m.years) for m in p.municipalities),
        "records": sum(n for _, n, _, _ in written),
        "bytes": sum(b for _, _, b, _ in written),
        "largest_file_bytes": max(b for _, _, b, _ in written),
        "distinct_words": len(words),
        "words_used_once": sum(1 for n in words.values() if n == 1),
        "word_occurrences": sum(words.values()),
        "files": [name for name, _, _, _ in written],
        "rare_word": RARE_WORD,
        "common_word": COMMON_WORD,
        "programmes": [pr[0] for pr in PROGRAMMES],
        "years": list(YEARS),
    }
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--events", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--municipalities", type=int, metavar="M", help="default: events / 250, at least 8")
    parser.add_argument("--jobs", type=int, metavar="J", help="worker processes (default: CPU count)")
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default="full",
        help="full: every record kind, events as the real reviews write them (default); reference: short events "
        "only, the shape of the issue's reference figures (about 13.5 MB per 100,000 events)",
    )
    parser.add_argument(
        "--vocabulary",
        choices=VOCABULARIES,
        default="default",
        help="default: the same few hundred phrases everywhere (as figures before this option were taken on); "
        "realistic: adds to each event a sentence from a German-looking lexicon with Zipf-like word "
        "frequencies, tens of thousands of distinct words, many used once",
    )
    args = parser.parse_args(argv)
    if args.events < 0:
        parser.error("--events must be >= 0")
    started = time.perf_counter()
    if args.vocabulary != "default" and args.profile != "full":
        parser.error("--vocabulary realistic is written for the full profile")
    manifest = generate(
        args.out_dir, args.events, args.seed, args.municipalities, args.jobs, args.profile, args.vocabulary
    )
    print(
        f"wrote {len(manifest['files'])} files, {manifest['records']:,} records ({args.events:,} events, "
        f"{manifest['municipalities']} municipalities, {manifest['reviews']} reviews), "
        f"{manifest['bytes'] / 1e6:.1f} MB (largest file {manifest['largest_file_bytes'] / 1e6:.2f} MB), "
        f"{manifest['distinct_words']:,} distinct words ({manifest['words_used_once']:,} used once) "
        f"to {args.out_dir} in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
