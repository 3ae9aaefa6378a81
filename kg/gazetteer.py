"""A gazetteer of China's administrative divisions (province, prefecture, county and town level) and of the world's
countries, shipped as ``kg/data/places.txt``: one name per line; a short form (台州) is followed by a tab and the
full names it stands for ("台州<TAB>台州市").

It feeds the tagger a flag for "a known place name starts, continues or ends here", so that the model, trained
on 1998 national news, recognises the counties, towns and 街道 a local paper names but its training texts never did;
and it tells normalisation which level a bare place name is (台州 -> 台州市, 浙江 -> 浙江省). A second file,
``kg/data/prefectures.txt``, gives each county-level division the prefecture-level city it belongs to (柯桥区 ->
绍兴市) and its province, so that an article about a county can say whose 市委 it means.

A third, ``kg/data/countries.txt``, lists the world's countries by their short and full names
(:func:`well_known_places`). The lists are derived from JioNLP's dictionaries (``china_location.txt``,
``world_location.txt``; Apache-2.0, https://github.com/dongrixinyu/JioNLP); rebuild them with
``python -m kg.gazetteer JIONLP_DICTIONARY_DIR``.
"""

from __future__ import annotations

import csv
import sys
import zipfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

PLACES_FILE = Path(__file__).parent / "data" / "places.txt"
PREFECTURES_FILE = Path(__file__).parent / "data" / "prefectures.txt"
TOWNS_FILE = Path(__file__).parent / "data" / "towns.txt"
COORDINATES_FILE = Path(__file__).parent / "data" / "coordinates.txt"
COUNTRIES_FILE = Path(__file__).parent / "data" / "countries.txt"

# Town-level units that are places; the rest of that level (工业区, 开发区, 农场, 林场, …) are zones or farms.
TOWN_SUFFIXES = ("镇", "乡", "街道", "苏木")


@lru_cache(maxsize=1)
def _read() -> tuple[frozenset[str], int, dict[str, tuple[str, ...]], frozenset[str]]:
    names, full = set(), {}
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, fulls = line.partition("\t")
            names.add(name)
            if fulls:
                full[name] = tuple(fulls.split("|"))
    prefixes = frozenset(name[:k] for name in names for k in range(1, len(name)))
    return frozenset(names), max(map(len, names)), full, prefixes


def place_names() -> tuple[frozenset[str], int]:
    """The shipped place names and the length of the longest one."""
    names, longest, _, _ = _read()
    return names, longest


def full_name(short: str) -> str | None:
    """The one administrative division whose short form ``short`` is; None when it is none or several.

    >>> full_name("台州"), full_name("浙江"), full_name("台州市"), full_name("和平")
    ('台州市', '浙江省', None, None)
    """
    fulls = _read()[2].get(short, ())
    return fulls[0] if len(fulls) == 1 else None


def is_place_name(name: str) -> bool:
    """Whether ``name`` is a place of the gazetteer, or the short form of exactly one division.

    >>> is_place_name("台州市"), is_place_name("浙江"), is_place_name("中杭")
    (True, True, False)
    """
    return name in _read()[0] or full_name(name) is not None


@lru_cache(maxsize=1)
def _prefectures() -> dict[str, tuple[str, str]]:
    lines = PREFECTURES_FILE.read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))
    return {county: (prefecture, province) for county, prefecture, province in rows}


def prefecture_of(county: str) -> tuple[str, str] | None:
    """The prefecture-level city the county-level division ``county`` belongs to, and its province; None for a
    name that is no such division, or one that several prefectures have (鼓楼区).

    >>> prefecture_of("柯桥区"), prefecture_of("台州市"), prefecture_of("鼓楼区")
    (('绍兴市', '浙江省'), None, None)
    """
    return _prefectures().get(county)


@lru_cache(maxsize=1)
def well_known_places() -> frozenset[str]:
    """The world's countries (short and full names: 美国, 美利坚合众国) and China's province-level divisions (浙江,
    浙江省, 香港, 香港特别行政区): places whatever text they stand in, which a reader knows as places where the
    tagger, trained beside CLUENER (which leaves countries untagged, 454 times of 507), doubts them.

    >>> sorted({"中国", "美利坚合众国", "浙江", "香港特别行政区", "台州"} & well_known_places())
    ['中国', '浙江', '美利坚合众国', '香港特别行政区']
    """
    provinces = set(_provinces().values()) | {"北京市", "上海市", "天津市", "重庆市", "香港特别行政区", "澳门特别行政区",
                                              "台湾省"}
    shorts = {short for short, fulls in _read()[2].items() if len(fulls) == 1 and fulls[0] in provinces}
    return frozenset(countries() | provinces | shorts)


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The world's countries, short and full names (``kg/data/countries.txt``).

    >>> {"日本", "日本国", "东京"} & countries() == {"日本", "日本国"}
    True
    """
    return frozenset(line.strip() for line in COUNTRIES_FILE.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    table = {province: province for _, province in _prefectures().values()}
    table.update({prefecture: province for prefecture, province in _prefectures().values()})
    table.update({county: province for county, (_, province) in _prefectures().items()})
    return table


def province_of(place: str) -> str | None:
    """The province a province, prefecture-level city or county-level division belongs to, named in full or by its
    one division's short form; None for any other name.

    >>> province_of("景德镇"), province_of("柯桥区"), province_of("浙江"), province_of("沿江镇")
    ('江西省', '浙江省', '浙江省', None)
    """
    table = _provinces()
    return table.get(place) or table.get(full_name(place) or "")


def is_division(name: str) -> bool:
    """Whether ``name`` is a division of the gazetteer written with its suffix (台州市, 路桥区, 浙江省, 龙溪镇), or
    one of its former names (:func:`former_division`: 玉环县).

    >>> is_division("台州市"), is_division("台州"), is_division("科技城"), is_division("玉环县")
    (True, False, False, True)
    """
    if not name.endswith(("省", "市", "县", "区", "镇", "乡", "街道")):
        return False
    return name in _read()[0] or former_division(name) is not None


def former_division(name: str) -> str | None:
    """The city or district a county no longer in use became, whose name the news of its years still writes
    (玉环县 became 玉环市 in 2017, 温岭县 温岭市 in 1994): the one division of the gazetteer named by the same stem
    with 市 or 区; None for any other name. (A city that became a district, 富阳市 of 富阳区, is not read so: a
    district's stem before 市 is as often 市民 or 市场.)

    >>> former_division("玉环县"), former_division("温岭县"), former_division("玉环市"), former_division("富阳市")
    ('玉环市', '温岭市', None, None)
    """
    names = _read()[0]
    if len(name) < 3 or not name.endswith("县") or name in names:
        return None
    same = [name[:-1] + unit for unit in "市区" if name[:-1] + unit in names]
    return same[0] if len(same) == 1 else None


def is_town_stem(name: str) -> bool:
    """Whether ``name`` is a town of the gazetteer written without its unit (双浦 of 双浦镇, 大麦屿 of 大麦屿街道).

    >>> is_town_stem("大麦屿"), is_town_stem("大麦")
    (True, False)
    """
    names = _read()[0]
    return any(name + unit in names for unit in ("镇", "乡", "街道"))


@lru_cache(maxsize=1)
def _towns() -> dict[str, frozenset[str]]:
    """Each county-level and prefecture-level division's towns, by the division's full name."""
    towns: dict[str, set[str]] = {}
    for line in TOWNS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            prefecture, county, names = line.split("\t")
            for division in (prefecture, county):
                towns.setdefault(division, set()).update(names.split())
    return {division: frozenset(names) for division, names in towns.items()}


def town_in(place: str, stem: str) -> bool:
    """Whether ``stem`` is a town of the county or city ``place`` (full name or short form), written without its
    unit (镇, 乡, 街道): local news names a town so after its county (温岭石塘, 乐清柳市).

    >>> town_in("温岭", "石塘"), town_in("台州市", "石塘"), town_in("乐清", "石塘"), town_in("温岭", "石塘镇")
    (True, True, False, False)
    """
    towns = _towns().get(place if place in _towns() else full_name(place) or "", frozenset())
    return any(stem + unit in towns for unit in TOWN_SUFFIXES)


@lru_cache(maxsize=1)
def _coordinates() -> dict[str, tuple[float, float]]:
    rows = (line.split("\t") for line in COORDINATES_FILE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {name: (float(latitude), float(longitude)) for name, latitude, longitude in rows}


def coordinates(name: str) -> tuple[float, float] | None:
    """(latitude, longitude) of the division ``name`` (province, prefecture or county level, by its full name,
    or the short form of one province or prefecture-level city), or None: a town, a name several divisions share
    (鼓楼区), a place abroad. A county that changed its level keeps its point (玉环县 became 玉环市 in 2017).

    >>> coordinates("温岭市"), coordinates("玉环市"), coordinates("杭州"), coordinates("鼓楼区"), coordinates("石塘镇")
    ((28.372506, 121.385604), (28.135929, 121.231805), (30.24692, 120.209789), None, None)
    >>> coordinates("横峰"), coordinates("东海")  # 温岭's 横峰街道 and the sea, not 横峰县 and 东海县
    (None, None)
    """
    known = _coordinates()
    if name in known:
        return known[name]
    if (full := full_name(name)) is not None:  # 上海, 广东: a province's or a city's short form; a county's (横峰,
        return coordinates(full) if prefecture_of(full) is None else None  # 东海) is often a town or a sea nearby
    if not name.endswith(("县", "市", "区")):
        return None
    same = [known[n] for n in (name[:-1] + unit for unit in "县市区") if n in known]
    return same[0] if len(same) == 1 else None


def read_cpca(adcodes: Path) -> list[str]:
    """"name<TAB>latitude<TAB>longitude" lines from cpca's ``adcodes.csv`` (MIT, https://github.com/DQinYuan/
    chinese_province_city_area_mapper): China's divisions to county level, the names that one division alone has."""
    rows = [row for row in csv.DictReader(adcodes.read_text(encoding="utf-8").splitlines())
            if row["latitude"] and row["longitude"]]
    count = Counter(row["name"] for row in rows)
    return sorted(f"{row['name']}\t{float(row['latitude']):.6f}\t{float(row['longitude']):.6f}"
                  for row in rows if count[row["name"]] == 1)


def place_matches(text: str) -> list[tuple[int, int]]:
    """Every (start, end) where a gazetteer place name occurs in ``text``, overlapping ones included.

    >>> text = "玉环市沙门镇和台州"
    >>> [text[s:e] for s, e in place_matches(text)]
    ['玉环', '玉环市', '沙门镇', '台州']
    """
    names, _, _, prefixes = _read()
    return _matches(text, names, prefixes)


def well_known_matches(text: str) -> list[tuple[int, int]]:
    """Every (start, end) where a country or a province-level division (:func:`well_known_places`) occurs in
    ``text``, overlapping ones included.

    >>> text = "中华人民共和国和浙江省"
    >>> [text[s:e] for s, e in well_known_matches(text)]
    ['中华人民共和国', '浙江', '浙江省']
    """
    names = well_known_places()
    return _matches(text, names, _prefixes(names))


@lru_cache(maxsize=4)
def _prefixes(names: frozenset[str]) -> frozenset[str]:
    return frozenset(name[:k] for name in names for k in range(1, len(name)))


def _matches(text: str, names: frozenset[str], prefixes: frozenset[str]) -> list[tuple[int, int]]:
    """Every (start, end) where one of ``names`` (whose proper prefixes are ``prefixes``) occurs in ``text``."""
    found = []
    for i in range(len(text) - 1):
        j = i + 1
        while j < len(text) and text[i:j] in prefixes:  # stop as soon as no name starts this way
            j += 1
            if text[i:j] in names:
                found.append((i, j))
    return found


def read_countries(folder: Path) -> list[str]:
    """The countries of JioNLP's ``world_location.txt``, short and full names (日本, 日本国), one a line."""
    names: set[str] = set()
    for line in (folder / "world_location.txt").read_text(encoding="utf-8").splitlines():
        fields = line.strip().split("\t")
        if len(fields) >= 2 and not line.endswith(":"):
            names.update(name for name in fields[:2] if len(name) >= 2)
    return sorted(names)


def read_jionlp(folder: Path) -> tuple[list[str], list[str], list[str]]:
    """Place names from JioNLP's ``china_location.txt`` (in ``china_location.zip``) and ``world_location.txt``,
    "county<TAB>prefecture<TAB>province" lines for the county-level divisions whose name one prefecture
    alone has, and "prefecture<TAB>county<TAB>town town …" lines.

    china_location.txt is a tab-indented tree: province, prefecture, county, town, village; the first three carry
    a short form in their third column (台州市 331000 台州). Villages are left out (650k names, mostly 村/社区).
    """
    names: set[str] = set()
    fulls: dict[str, set[str]] = {}
    prefectures: dict[str, set[str]] = {}
    towns: dict[tuple[str, str], set[str]] = {}
    county = ""
    with zipfile.ZipFile(folder / "china_location.zip") as archive:
        lines = archive.read("china_location.txt").decode("utf-8").splitlines()
    province = prefecture = ""
    for line in lines:
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if not fields[0] or depth > 3:
            continue
        if depth == 0:
            province = fields[0]
        elif depth == 1:
            prefecture = fields[0]
        elif depth == 2:
            county = fields[0]
            prefectures.setdefault(county, set()).add(f"{prefecture}\t{province}")
        if depth == 3 and (not fields[0].endswith(TOWN_SUFFIXES) or "开发区" in fields[0] or "特殊" in fields[0]):
            continue
        names.add(fields[0])
        if depth == 3:
            towns.setdefault((prefecture, county), set()).add(fields[0])
        if depth < 3 and len(fields) > 2 and fields[2] != fields[0]:
            fulls.setdefault(fields[2], set()).add(fields[0])
    for line in (folder / "world_location.txt").read_text(encoding="utf-8").splitlines():
        fields = line.strip().split("\t")
        if len(fields) >= 2 and not line.endswith(":"):
            names.update(fields[:2])
            if len(fields) > 2:
                names.add(fields[2])
            if len(fields) > 3:
                names.update(fields[3].split("/"))
    names -= set(fulls)
    lines = [n for n in names if len(n) >= 2]
    lines += [f"{short}\t{'|'.join(sorted(full))}" for short, full in fulls.items() if len(short) >= 2]
    parents = [f"{county}\t{cities.pop()}" for county, cities in prefectures.items() if len(cities) == 1]
    town_lines = [f"{prefecture}\t{county}\t{' '.join(sorted(names))}" for (prefecture, county), names in towns.items()]
    return sorted(lines), sorted(parents), sorted(town_lines)


def main(argv: list[str]) -> None:
    if len(argv) > 1:  # python -m kg.gazetteer JIONLP_DICTIONARY_DIR CPCA_ADCODES_CSV
        points = read_cpca(Path(argv[1]))
        COORDINATES_FILE.write_text("# China's divisions to county level: name, latitude, longitude. Derived from "
                                    "cpca's adcodes.csv (MIT, https://github.com/DQinYuan/"
                                    "chinese_province_city_area_mapper) by `python -m kg.gazetteer DIR CSV`.\n"
                                    + "\n".join(points) + "\n", encoding="utf-8")
        print(f"{len(points)} points written to {COORDINATES_FILE}")
    names, parents, towns = read_jionlp(Path(argv[0]))
    source = ("# Derived from JioNLP's dictionaries (Apache-2.0, https://github.com/dongrixinyu/JioNLP) by "
              "`python -m kg.gazetteer DIR`.\n")
    header = ("# China's administrative divisions (province to town level; a short form is followed by a tab and its "
              "full names) and the world's countries and main cities.\n" + source)
    PLACES_FILE.parent.mkdir(exist_ok=True)
    PLACES_FILE.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    prefectures_header = ("# County-level divisions, the prefecture-level city each belongs to (one only) and its "
                          "province.\n")
    PREFECTURES_FILE.write_text(prefectures_header + source + "\n".join(parents) + "\n", encoding="utf-8")
    towns_header = "# Each county-level division's towns (镇, 乡, 街道), after its prefecture-level city.\n"
    TOWNS_FILE.write_text(towns_header + source + "\n".join(towns) + "\n", encoding="utf-8")
    countries = read_countries(Path(argv[0]))
    COUNTRIES_FILE.write_text("# The world's countries, short and full names.\n" + source + "\n".join(countries) + "\n",
                              encoding="utf-8")
    print(f"{len(names)} names written to {PLACES_FILE}, {len(parents)} counties to {PREFECTURES_FILE}, "
          f"{len(towns)} counties' towns to {TOWNS_FILE}, {len(countries)} countries' names to {COUNTRIES_FILE}")


if __name__ == "__main__":
    main(sys.argv[1:])
