#!/usr/bin/env python3
"""One-off builder of config/country_lookup.csv from Debian's iso-codes package.

The CSV is the source of truth and is edited by hand afterwards; this script only documents where
the first version came from. Regions follow the UN M49 continental regions; The Look's own
spellings (and a few common English names) are added as alias rows that point at the same codes.
Usage: python3 scripts/build-country-lookup.py > config/country_lookup.csv
"""
import csv
import json
import sys

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

REGIONS = {
    "Africa": "DZ EG LY MA SD TN EH IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW "
              "AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Americas": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR "
                "SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US",
    "Asia": "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP "
            "PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
    "Europe": "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD BA HR GI "
              "GR VA IT MT ME MK PT SM RS SI ES AT BE FR DE LI LU MC NL CH",
    "Oceania": "AU NZ NF HM CC CX FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF",
    "Antarctica": "AQ",
}

# Spellings The Look (or common English) uses that differ from the ISO short name.
ALIASES = {
    "Brasil": "BR",
    "España": "ES",
    "Deutschland": "DE",
    "Russia": "RU",
    "Czech Republic": "CZ",
    "Turkey": "TR",
    "Ivory Coast": "CI",
    "Democratic Republic of the Congo": "CD",
    "Republic of the Congo": "CG",
    "Palestine": "PS",
    "Vatican City": "VA",
    "Micronesia": "FM",
    "Macedonia": "MK",
}


def main():
    region_of = {code: region for region, codes in REGIONS.items() for code in codes.split()}
    countries = json.load(open(ISO_JSON, encoding="utf-8"))["3166-1"]
    missing = [c["alpha_2"] for c in countries if c["alpha_2"] not in region_of]
    if missing:
        sys.exit(f"no region for {missing}")
    rows = []
    by_code = {}
    for c in countries:
        iso_name = c.get("common_name", c["name"])
        row = [iso_name, iso_name, c["alpha_2"], c["alpha_3"], region_of[c["alpha_2"]]]
        rows.append(row)
        by_code[c["alpha_2"]] = row
    names = {r[0] for r in rows}
    for alias, code in ALIASES.items():
        if alias not in names:
            base = by_code[code]
            rows.append([alias, base[1], base[2], base[3], base[4]])
    rows.sort(key=lambda r: r[0])
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["country_name", "iso_name", "iso_alpha2", "iso_alpha3", "region"])
    out.writerows(rows)


if __name__ == "__main__":
    main()
