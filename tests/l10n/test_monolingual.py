from __future__ import annotations

import pytest

from aligner.errors import InputError
from aligner.l10n.monolingual import parse_apple_strings, parse_json, parse_properties, parse_yaml
from tests.l10n.helpers import raw_at

JSON_NESTED = """{
  "app": {
    "title": "Programa",
    "menu": {"open": "Atverti", "recent": 5, "enabled": true},
    "days": ["Pirmadienis", "Antradienis", null]
  },
  "files_one": "{{count}} failas",
  "files_few": "{{count}} failai",
  "files_other": "{{count}} failų",
  "escaped": "Spausk \\"Gerai\\" \\u2014 arba\\nne",
  "cart": {"one": "# prekė", "few": "# prekės", "other": "# prekių"}
}
"""

JSON_FLAT = '{"menu.file.open": "Öffnen", "menu.file.save": "Speichern",\n "empty": ""}'

YAML_RAILS = """lt:
  activerecord:
    errors:
      messages:
        blank: "negali būti tuščias"
        taken: jau užimtas
  inbox:
    messages:
      one: "%{count} žinutė"
      few: "%{count} žinutės"
      other: "%{count} žinučių"
    intro: |
      Sveiki atvykę.
      Antra eilutė.
    count: 3
    tabs:
      - Gauti
      - 'Išsiųsti'
"""

PROPERTIES = """# Messages for the login page
# Keep {0} in place
login.greeting = Guten Tag, {0}!
login.hint=Passwort \\
    vergessen?
login.title:Anmeldung
caf\\u00e9.name   Caf\\u00e9 M\\u00fcller
! bang comment
tab\\ key = a\\tb
"""

APPLE = """/* Title of the main window */
"window.title" = "Fenêtre principale";

// Button
"button.ok" = "D'accord";
"quote" = "Il a dit \\"oui\\"\\n";
unquoted_key = "Valeur";
"""

# parser, sample, path, key, text, line, raw text at (line, column)
CASES = [
    (parse_json, JSON_NESTED, "locales/lt/translation.json", "app.title", "Programa", 3, "Programa"),
    (parse_json, JSON_NESTED, "locales/lt/translation.json", "app.menu.open", "Atverti", 4, "Atverti"),
    (parse_json, JSON_NESTED, "locales/lt/translation.json", "app.days[1]", "Antradienis", 5, "Antradienis"),
    (parse_json, JSON_NESTED, "locales/lt/translation.json", "files", "{{count}} failas", 7, "{{count}}"),
    (parse_json, JSON_NESTED, "locales/lt/translation.json", "escaped", 'Spausk "Gerai" — arba\nne', 10, "Spausk"),
    (parse_json, JSON_NESTED, "locales/lt/translation.json", "cart", "# prekė", 11, "# prekė"),
    (parse_json, JSON_FLAT, "de.json", "menu.file.save", "Speichern", 1, "Speichern"),
    (parse_json, JSON_FLAT, "de.json", "empty", "", 2, '"'),
    (
        parse_yaml,
        YAML_RAILS,
        "config/locales/lt.yml",
        "activerecord.errors.messages.blank",
        "negali būti tuščias",
        5,
        "negali",
    ),
    (parse_yaml, YAML_RAILS, "config/locales/lt.yml", "activerecord.errors.messages.taken", "jau užimtas", 6, "jau"),
    (parse_yaml, YAML_RAILS, "config/locales/lt.yml", "inbox.messages", "%{count} žinutė", 9, "%{count}"),
    (parse_yaml, YAML_RAILS, "config/locales/lt.yml", "inbox.intro", "Sveiki atvykę.\nAntra eilutė.\n", 13, "Sveiki"),
    (parse_yaml, YAML_RAILS, "config/locales/lt.yml", "inbox.tabs[1]", "Išsiųsti", 18, "Išsiųsti"),
    (parse_properties, PROPERTIES, "messages_de.properties", "login.greeting", "Guten Tag, {0}!", 3, "Guten"),
    (parse_properties, PROPERTIES, "messages_de.properties", "login.hint", "Passwort vergessen?", 4, "Passwort"),
    (parse_properties, PROPERTIES, "messages_de.properties", "login.title", "Anmeldung", 6, "Anmeldung"),
    (parse_properties, PROPERTIES, "messages_de.properties", "café.name", "Café Müller", 7, "Caf\\u00e9"),
    (parse_properties, PROPERTIES, "messages_de.properties", "tab key", "a\tb", 9, "a\\tb"),
    (parse_apple_strings, APPLE, "fr.lproj/Localizable.strings", "window.title", "Fenêtre principale", 2, "Fenêtre"),
    (parse_apple_strings, APPLE, "fr.lproj/Localizable.strings", "button.ok", "D'accord", 5, "D'accord"),
    (parse_apple_strings, APPLE, "fr.lproj/Localizable.strings", "quote", 'Il a dit "oui"\n', 6, "Il a dit"),
    (parse_apple_strings, APPLE, "fr.lproj/Localizable.strings", "unquoted_key", "Valeur", 7, "Valeur"),
]


@pytest.mark.parametrize("parser,sample,path,key,text,line,raw", CASES)
def test_units(parser, sample, path, key, text, line, raw):
    catalog = parser(sample.encode("utf-8"), path)
    u = catalog.unit(key)
    assert u is not None, [x.key for x in catalog.units]
    assert u.source is None
    assert u.target.text == text
    assert u.target.line == line
    assert raw_at(sample, u.target.line, u.target.column, len(raw)) == raw


@pytest.mark.parametrize(
    "parser,sample,path,language,keys",
    [
        (
            parse_json,
            JSON_NESTED,
            "locales/lt/translation.json",
            "lt",
            ["app.title", "app.menu.open", "app.days[0]", "app.days[1]", "files", "escaped", "cart"],
        ),
        (parse_json, JSON_FLAT, "i18n/messages.de.json", "de", ["menu.file.open", "menu.file.save", "empty"]),
        (
            parse_yaml,
            YAML_RAILS,
            "config/locales/anything.yml",
            "lt",
            [
                "activerecord.errors.messages.blank",
                "activerecord.errors.messages.taken",
                "inbox.messages",
                "inbox.intro",
                "inbox.tabs[0]",
                "inbox.tabs[1]",
            ],
        ),
        (
            parse_properties,
            PROPERTIES,
            "src/messages_pt_BR.properties",
            "pt-BR",
            ["login.greeting", "login.hint", "login.title", "café.name", "tab key"],
        ),
        (
            parse_properties,
            PROPERTIES,
            "src/messages.properties",
            None,
            ["login.greeting", "login.hint", "login.title", "café.name", "tab key"],
        ),
        (
            parse_apple_strings,
            APPLE,
            "App/de.lproj/Localizable.strings",
            "de",
            ["window.title", "button.ok", "quote", "unquoted_key"],
        ),
        (
            parse_apple_strings,
            APPLE,
            "App/Base.lproj/Localizable.strings",
            None,
            ["window.title", "button.ok", "quote", "unquoted_key"],
        ),
    ],
)
def test_languages_and_keys_in_file_order(parser, sample, path, language, keys):
    catalog = parser(sample, path)
    assert catalog.target_language == language
    assert [u.key for u in catalog.units] == keys


def test_plurals_and_notes():
    j = parse_json(JSON_NESTED, "lt.json")
    files = j.unit("files")
    assert [f.line for f in files.plural_forms] == [7, 8, 9] and files.flags == ("plurals=one,few,other",)
    assert [f.text for f in j.unit("cart").plural_forms] == ["# prekė", "# prekės", "# prekių"]
    y = parse_yaml(YAML_RAILS, "lt.yml").unit("inbox.messages")
    assert [(f.text, f.line) for f in y.plural_forms] == [
        ("%{count} žinutė", 9),
        ("%{count} žinutės", 10),
        ("%{count} žinučių", 11),
    ]
    p = parse_properties(PROPERTIES, "de.properties")
    assert p.unit("login.greeting").notes == ("Messages for the login page", "Keep {0} in place")
    a = parse_apple_strings(APPLE, "fr.strings")
    assert a.unit("window.title").notes == ("Title of the main window",) and a.unit("button.ok").notes == ("Button",)


def test_encodings():
    assert parse_properties("k=Gr\xfc\xdfe\n".encode("latin-1"), "de.properties").units[0].target.text == "Grüße"
    utf16 = '"k" = "Grüße";\n'.encode("utf-16")
    assert parse_apple_strings(utf16, "de.strings").units[0].target.text == "Grüße"
    assert parse_json('\ufeff{"k": "v"}'.encode(), "de.json").units[0].target.column == 8  # the BOM is not a column


BAD = [
    (parse_json, b'{\n  "a": "x",\n  "b": "y"\n  "c": "z"\n}', "line 4: JSON syntax error"),
    (parse_json, b'{\n  "a": "unterminated\n}', "line 2: JSON syntax error"),
    (parse_json, b'{"a": "K\xf8benhavn"}', "line 1: bytes that are not utf-8"),
    (parse_yaml, b"lt:\n  a: [1, 2\n  b: c\n", "line 3: YAML syntax error"),
    (parse_yaml, b'lt:\n  a: "open\n', "YAML syntax error"),
    (parse_properties, b"a=ok\nb=bad \\u12G4\n", "line 2: malformed \\u escape"),
    (parse_apple_strings, b'"a" = "x";\n"b" = "y"\n"c" = "z";\n', 'line 3: missing ";"'),
    (parse_apple_strings, b'"a" = "x";\n"b" = "unterminated;\n', "line 2: unterminated string"),
    (parse_apple_strings, b'"a" "x";\n', 'line 1: missing "="'),
    (parse_apple_strings, b'/* open\n"a" = "x";\n', "line 1: unterminated /* comment"),
]


@pytest.mark.parametrize("parser,data,message", BAD)
def test_bad_files(parser, data, message):
    with pytest.raises(InputError) as e:
        parser(data, "bad/file")
    assert str(e.value).startswith("bad/file: line ")
    assert message.lower() in str(e.value).lower()
