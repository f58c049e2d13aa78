#!/usr/bin/env python3
"""Generate a large synthetic plansite root for benchmarks.

    python3 bench/synth.py --cases N --out DIR [--seed S] [--progress-items M] [--force]

Writes DIR/content/ (the content model of docs/content.md and the progress model of
notes/progress-model.md):

  site.yaml                 ja (primary) and en
  plan.yaml (+ .ja.md/.en.md), structure.yaml (+ .ja.md/.en.md)
  areas/<ward>.yaml         the six wards of gen_site.py, 3-5 numbered policies, one contact
  themes/<theme>.yaml       the ten themes of gen_site.py (THEMES / THEME_NAMES)
  cases/case-00001.yaml     N case studies, each with .ja.md and .en.md
  progress/2023/, 2024/     year.yaml (sample: true) and one <ward>.yaml per ward; M items in all
                            (default N/2), spread over 3-6 district areas per ward and both years

The case studies are the pages of the shared Hugo/Zola benchmark, one for one: this script
imports gen_site.py (from ../../shared/bench relative to this file, or $PLANSITE_SHARED) and
calls its page_meta(), titles(), ja_body() and en_body() with the same seed, so case k's
Japanese and English bodies are exactly the text Hugo gets for case k. The only change is the
two "related cases" links, rewritten from Hugo's absolute /cases/case-K/ and /en/cases/case-K/
to plansite's relative ../case-K/ (plansite serves /ja/cases/case-K/ and /en/cases/case-K/).
Ward, themes, date, title and description become area, themes, published, title {ja,en} and
activities {ja,en}; point {ja,en} is a generated sentence.

Deterministic: the same N, seed and M give a byte-identical tree. DIR/synth.json records the
parameters; with --force an existing DIR/content is replaced only if that file is there.
"""

import argparse
import json
import os
import random
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("PLANSITE_SHARED") or os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench"))
sys.dont_write_bytecode = True  # do not leave __pycache__ in the shared folder
sys.path.insert(0, SHARED)
try:
    import gen_site as G  # noqa: E402
except ImportError as e:  # pragma: no cover
    sys.exit(f"synth: cannot import gen_site.py from {SHARED} ({e}); set PLANSITE_SHARED")

DEFAULT_SEED = "welfare-bench-1"  # gen_site.py's default --seed
YEARS = (2023, 2024)

# ------------------------------------------------------------------ YAML helpers


def q(s):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def loc(key, ja, en, ind=""):
    """A localized map in block style."""
    return f"{ind}{key}:\n{ind}  ja: {q(ja)}\n{ind}  en: {q(en)}\n"


# ------------------------------------------------------------------ vocabulary (ja, en)

POLICIES = [
    ("身近なコミュニティづくりの推進", "Building close-knit local communities"),
    ("交流の場と仲間づくり", "Places to meet and make friends"),
    ("社会参加の推進", "Encouraging people to take part in society"),
    ("地域の福祉力向上、担い手づくり", "Strengthening local welfare and developing helpers"),
    ("相談体制、情報提供の場づくり", "Places for advice and information"),
    ("福祉教育の推進", "Promoting welfare education"),
    ("人にやさしい生活環境づくり", "A living environment that is kind to people"),
    ("見守り体制の充実", "Better systems for watching over neighbours"),
    ("災害に備えた支え合いの仕組みづくり", "Mutual support ready for disasters"),
]

ITEMS = [
    ("見守り活動", "watching-over activities"),
    ("サロン活動", "community salons"),
    ("子ども食堂", "children's cafeterias"),
    ("防災訓練", "disaster drills"),
    ("ボランティアの育成", "volunteer training"),
    ("多世代交流", "intergenerational exchange"),
    ("広報紙の発行", "the community newsletter"),
    ("相談窓口の周知", "awareness of the advice desks"),
    ("買い物支援", "shopping assistance"),
    ("健康体操教室", "health exercise classes"),
    ("認知症サポーター養成", "dementia supporter courses"),
    ("配食サービス", "meal delivery"),
    ("防犯パトロール", "crime-prevention patrols"),
    ("福祉教育の出前講座", "welfare education visits to schools"),
    ("居場所づくり", "drop-in spaces"),
]

DISTRICT_PREFIX = [("東", "Higashi"), ("西", "Nishi"), ("南", "Minami"), ("北", "Kita"), ("中", "Naka"), ("新", "Shin")]
DISTRICT_BASE = [("山", "yama"), ("川", "kawa"), ("台", "dai"), ("浜", "hama"), ("野", "no"), ("谷", "ya"), ("原", "hara")]

RATINGS = ["◎", "○", "○", "○", "△", "△", "×"]

POINT_JA = [
    "{n1}と{n2}を組み合わせ、{ward}の{theme}を地域ぐるみで進めている点です。",
    "{n1}の担い手を地域で育て、{theme}の活動を無理なく続けている点です。",
    "{ward}の身近な資源を生かし、{n1}から{n2}へ支援をつないでいる点です。",
]
POINT_EN = [
    "It combines the {n1} with the {n2} and makes {theme} a shared effort in {ward} Ward.",
    "Local people are trained to run the {n1}, so that {theme} carries on without strain.",
    "It makes use of what {ward} Ward already has and links the {n1} with the {n2}.",
]


def ja_sentence(r, ward_ja):
    return r.choice(G.JA_SENTENCES).format(
        ward=ward_ja, n1=r.choice(G.JA_NOUNS), n2=r.choice(G.JA_NOUNS), n3=r.choice(G.JA_NOUNS),
        en=r.choice(G.JA_EN_WORDS), y=r.randint(1, 7), k=r.randint(2, 12), m=r.randint(20, 900))


def en_sentence(r, ward_en):
    return r.choice(G.EN_SENTENCES).format(
        ward=ward_en, n1=r.choice(G.EN_NOUNS), n2=r.choice(G.EN_NOUNS),
        year=r.randint(2015, 2024), k=r.randint(2, 12), m=r.randint(20, 900))


def prose(r, ward, paras=3, sentences=3):
    """A short two-language body built from gen_site.py's sentence templates."""
    wj, we = G.WARD_NAMES[ward]
    ja, en = [], []
    for _ in range(paras):
        ja.append("".join(ja_sentence(r, wj) for _ in range(sentences)) + "\n")
        en.append(" ".join(en_sentence(r, we) for _ in range(sentences)) + "\n")
    return "\n".join(ja), "\n".join(en)


# ------------------------------------------------------------------ writer


class Writer:
    def __init__(self, root):
        self.root = root
        self.files = 0
        self.bytes = 0
        self.dirs = set()

    def __call__(self, rel, text):
        path = os.path.join(self.root, rel)
        d = os.path.dirname(path)
        if d not in self.dirs:
            os.makedirs(d, exist_ok=True)
            self.dirs.add(d)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)


# ------------------------------------------------------------------ content kinds


def write_site(w, seed):
    title = G.LABELS["site_title"]
    w("site.yaml",
      "# Generated by bench/synth.py: synthetic benchmark site, not real data.\n"
      + loc("title", title[0], title[1])
      + loc("description", "ベンチマーク用に自動生成した地域福祉計画のサイトです。各区の計画と多数の事例、推進状況を掲載しています。",
            "A generated community welfare plan site for benchmarks, with ward plans, many case studies and progress data.")
      + "languages:\n  - {code: ja, name: 日本語}\n  - {code: en, name: English}\n"
      + "base_url: https://example.org/\n"
      # At N = 20,000 and above one area's progress file of a year passes the 1 MB default.
      + "limits: {yaml_mb: 16}\n"
      + loc("area_term", "区", "ward")
      + loc("areas_title", "各区の計画", "Ward plans")
      + "organisation:\n"
      + loc("name", "千葉市 保健福祉局 健康福祉部 地域福祉課", "Community Welfare Division, City of Chiba", "  ")
      + "  url: https://www.city.chiba.jp/\n  contact:\n"
      + loc("organisation", "千葉市 保健福祉局 健康福祉部 地域福祉課", "Community Welfare Division, City of Chiba", "    ")
      + '    phone: "043-000-0000"\n    email: bench@example.org\n    postal_code: "260-0000"\n'
      + loc("address", "千葉市中央区千葉港1-1", "1-1 Chibaminato, Chuo-ku, Chiba", "    ")
      + "    sample: true\n"
      + loc("copyright", "ベンチマーク用の合成データです。", "Synthetic benchmark data.")
      )


def write_plan(w, seed):
    r = random.Random(f"{seed}-plan")
    w("plan.yaml",
      loc("name", "支え合いのまち千葉 推進計画", "Mutually Supportive Chiba Plan")
      + loc("edition", "第5期千葉市地域福祉計画", "5th Chiba City Community Welfare Plan")
      + "period: {from: 2022, to: 2026}\n"
      + loc("basic_goal", "ともに支えあう地域福祉社会を創る", "Creating a community where everyone supports one another")
      + loc("legal_basis", "社会福祉法第107条に基づく市町村地域福祉計画",
            "A municipal community welfare plan under Article 107 of the Social Welfare Act")
      + loc("summary", "ベンチマーク用の計画です。" + ja_sentence(r, "中央区") + ja_sentence(r, "美浜区"),
            "A plan generated for benchmarks. " + en_sentence(r, "Chuo") + " " + en_sentence(r, "Mihama"))
      + "related_plans:\n"
      + "  - name: {ja: " + q("千葉市基本計画") + ", en: " + q("Chiba City Basic Plan") + "}\n"
      + "    relation: {ja: " + q("上位計画") + ", en: " + q("Parent plan") + "}\n"
      + "perspectives:\n"
      + "".join(f"  - {{ja: {q(G.THEME_NAMES[t][0] + 'の視点')}, en: {q('The viewpoint of ' + G.THEME_NAMES[t][1].lower())}}}\n"
                for t in G.THEMES[:3])
      )
    ja, en = [], []
    for h in range(3):
        bj, be = prose(r, G.WARDS[h], paras=2, sentences=4)
        ja.append(f"## {G.JA_HEADINGS[h]}\n\n{bj}")
        en.append(f"## {G.EN_HEADINGS[h]}\n\n{be}")
    w("plan.ja.md", "\n".join(ja))
    w("plan.en.md", "\n".join(en))


def write_structure(w, seed):
    bodies = [
        ("expert-subcommittee", "地域福祉専門分科会", "Community Welfare Subcommittee", 1, []),
        ("city", "千葉市", "City of Chiba", 2, ["expert-subcommittee"]),
        ("ward-council", "区支え合いのまち推進協議会", "Ward Mutual Support Council", 3, ["city"]),
        ("district-chapters", "社協地区部会", "District chapters", 4, ["ward-council"]),
    ]
    r = random.Random(f"{seed}-structure")
    out = [loc("title", "計画の推進体制", "How the plan is carried out and checked"), "bodies:\n"]
    for bid, nj, ne, tier, rep in bodies:
        out.append(f"  - id: {bid}\n")
        out.append(loc("name", nj, ne, "    "))
        out.append(f"    tier: {tier}\n")
        out.append(loc("role", ja_sentence(r, "中央区"), en_sentence(r, "Chuo"), "    "))
        if rep:
            out.append(f"    reports_to: [{', '.join(rep)}]\n")
            out.append(loc("report", "推進状況を報告", "reports progress", "    "))
    w("structure.yaml", "".join(out))
    bj, be = prose(r, "chuo", paras=2, sentences=3)
    w("structure.ja.md", f"## {G.JA_HEADINGS[0]}\n\n{bj}")
    w("structure.en.md", f"## {G.EN_HEADINGS[0]}\n\n{be}")


def area_policy_count(seed, ward):
    return random.Random(f"{seed}-area-{ward}").randint(3, 5)


def write_areas(w, seed):
    for order, ward in enumerate(G.WARDS, 1):
        wj, we = G.WARD_NAMES[ward]
        r = random.Random(f"{seed}-area-{ward}")
        npol = r.randint(3, 5)  # == area_policy_count(seed, ward)
        pols = r.sample(POLICIES, npol)
        out = [f"order: {order}\n", loc("name", wj, f"{we} Ward"),
               loc("slogan", f"みんなでつくろう、支え合い安心して暮らせる{wj}",
                   f"Let's build it together: a {we} Ward where we support each other"),
               "policies:\n"]
        for n, (pj, pe) in enumerate(pols, 1):
            out.append(f"  - number: {n}\n")
            out.append(loc("title", pj, pe, "    "))
        out.append("contacts:\n")
        out.append("  - " + loc("organisation", f"千葉市社会福祉協議会 {wj}事務所",
                                f"Chiba City Council of Social Welfare, {we} Ward Office", "    ")[4:])
        out.append(f'    phone: "043-000-{order:04d}"\n    sample: true\n')
        w(f"areas/{ward}.yaml", "".join(out))
        bj, be = prose(r, ward, paras=2, sentences=3)
        w(f"areas/{ward}.ja.md", bj)
        w(f"areas/{ward}.en.md", be)


def write_themes(w, seed):
    for number, theme in enumerate(G.THEMES, 1):
        tj, te = G.THEME_NAMES[theme]
        r = random.Random(f"{seed}-theme-{theme}")
        w(f"themes/{theme}.yaml",
          f"number: {number}\n"
          + loc("title", tj, te)
          + loc("summary", f"{tj}に関する地域の取り組みを広げます。", f"Spreading local activity on {te.lower()}."))
        bj, be = prose(r, G.WARDS[number % len(G.WARDS)], paras=2, sentences=3)
        w(f"themes/{theme}.ja.md", bj)
        w(f"themes/{theme}.en.md", be)


def rewrite_links(body, prefix):
    """gen_site's two related-case links: /cases/case-K/ (ja) or /en/cases/case-K/ → ../case-K/."""
    old = f"]({prefix}cases/case-"
    if body.count(old) != 2:
        raise RuntimeError(f"expected two related-case links in a generated body, found {body.count(old)}")
    return body.replace(old, "](../case-")


def write_cases(w, n, seed):
    for i in range(1, n + 1):
        ward, themes, date, related = G.page_meta(seed, i)
        tj, te, dj, de = G.titles(i, ward, themes)
        ja = rewrite_links(G.ja_body(seed, i, ward, themes, related, n), "/")
        en = rewrite_links(G.en_body(seed, i, ward, themes, related, n), "/en/")
        r = random.Random(f"{seed}-point-{i}")
        k = r.randrange(len(POINT_JA))
        wj, we = G.WARD_NAMES[ward]
        thj, the = G.THEME_NAMES[themes[0]]
        pj = POINT_JA[k].format(ward=wj, theme=thj, n1=r.choice(G.JA_NOUNS), n2=r.choice(G.JA_NOUNS))
        pe = POINT_EN[k].format(ward=we, theme=the.lower(), n1=r.choice(G.EN_NOUNS), n2=r.choice(G.EN_NOUNS))
        slug = f"case-{i:05d}"
        w(f"cases/{slug}.yaml",
          loc("title", tj, te)
          + f"area: {ward}\nthemes: [{', '.join(themes)}]\npublished: {date.isoformat()}\n"
          + loc("activities", dj, de)
          + loc("point", pj, pe))
        w(f"cases/{slug}.ja.md", ja)
        w(f"cases/{slug}.en.md", en)


def districts(seed):
    """3-6 district areas per ward, names unique over the whole site, the same in every year."""
    r = random.Random(f"{seed}-districts")
    names = [(pj + bj + "地区部会エリア", f"{pe}{be} district") for pj, pe in DISTRICT_PREFIX for bj, be in DISTRICT_BASE]
    r.shuffle(names)
    out, at = {}, 0
    for ward in G.WARDS:
        k = r.randint(3, 6)
        out[ward] = []
        for name in names[at:at + k]:
            pop = r.randint(3000, 40000)
            out[ward].append((name, pop, int(pop / r.uniform(1.8, 2.4))))
        at += k
    return out


def progress_item(r, ward, npol):
    wj, we = G.WARD_NAMES[ward]
    ij, ie = r.choice(ITEMS)
    lines = [f"      - policy: {r.randint(1, npol)}\n"]
    if r.random() < 0.3:
        lines.append("        priority: true\n")
    if r.random() < 0.2:
        lines.append("        main: true\n")
    lines.append(f"        item: {{ja: {q(ij + 'の推進')}, en: {q('Promoting ' + ie)}}}\n")
    nt = r.choice([0, 1, 1, 2])
    if nt:
        lines.append(f"        themes: [{', '.join(sorted(r.sample(G.THEMES, nt), key=G.THEMES.index))}]\n")
    lines.append(loc("target", ja_sentence(r, wj), en_sentence(r, we), "        "))
    if r.random() < 0.85:
        lines.append(loc("result", ja_sentence(r, wj) + ja_sentence(r, wj),
                         en_sentence(r, we) + " " + en_sentence(r, we), "        "))
    lines.append(f"        rating: {r.choice(RATINGS)}\n")
    lines.append(loc("next_target", ja_sentence(r, wj), en_sentence(r, we), "        "))
    if r.random() < 0.7:
        lines.append(loc("issues", ja_sentence(r, wj), en_sentence(r, we), "        "))
    return "".join(lines)


def write_progress(w, seed, total):
    dist = districts(seed)
    slots = [(ward, d) for ward in G.WARDS for d in range(len(dist[ward]))]
    per_year = [(total + 1) // 2, total // 2]
    for year, count in zip(YEARS, per_year):
        w(f"progress/{year}/year.yaml",
          "sample: true\n" + loc("note", "ベンチマーク用に自動生成した推進状況です。", "Progress data generated for benchmarks."))
        # item j of the year goes to district slot j mod len(slots): an even spread
        counts = {s: 0 for s in slots}
        for j in range(count):
            counts[slots[j % len(slots)]] += 1
        for ward in G.WARDS:
            npol = area_policy_count(seed, ward)
            r = random.Random(f"{seed}-progress-{year}-{ward}")
            out = []
            for d, (name, pop, hh) in enumerate(dist[ward]):
                if not counts[(ward, d)]:
                    continue
                grow = 1 + (year - YEARS[0]) * 0.003
                out.append(f"  - name: {{ja: {q(name[0])}, en: {q(name[1])}}}\n"
                           f"    population: {int(pop * grow)}\n    households: {int(hh * grow)}\n"
                           f"    counted_on: {year + 1}-03-31\n    items:\n")
                out.extend(progress_item(r, ward, npol) for _ in range(counts[(ward, d)]))
            if out:
                w(f"progress/{year}/{ward}.yaml", "districts:\n" + "".join(out))


# ------------------------------------------------------------------ main


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, required=True, metavar="N", help="number of case studies")
    ap.add_argument("--out", required=True, metavar="DIR", help="site root to write (DIR/content/)")
    ap.add_argument("--seed", default=DEFAULT_SEED, help=f"same meaning as gen_site.py's --seed (default {DEFAULT_SEED})")
    ap.add_argument("--progress-items", type=int, metavar="M",
                    help="progress items over both fiscal years (default N/2)")
    ap.add_argument("--force", action="store_true", help="replace DIR/content if this script made it")
    a = ap.parse_args(argv)
    if a.cases < 1:
        ap.error("--cases must be at least 1")
    items = a.cases // 2 if a.progress_items is None else a.progress_items
    if items < 0:
        ap.error("--progress-items must not be negative")
    out = os.path.abspath(a.out)
    content = os.path.join(out, "content")
    marker = os.path.join(out, "synth.json")
    if os.path.exists(content):
        if not a.force:
            ap.error(f"{content} exists (use --force to replace it)")
        if not os.path.isfile(marker):
            ap.error(f"refusing to replace {content}: {marker} is missing, so this script did not make it")
        shutil.rmtree(content)
    started = time.perf_counter()
    w = Writer(content)
    write_site(w, a.seed)
    write_plan(w, a.seed)
    write_structure(w, a.seed)
    write_areas(w, a.seed)
    write_themes(w, a.seed)
    write_cases(w, a.cases, a.seed)
    write_progress(w, a.seed, items)
    with open(marker, "w", encoding="utf-8") as f:
        f.write(json.dumps({"generator": "bench/synth.py", "cases": a.cases, "seed": a.seed,
                            "progress_items": items}, ensure_ascii=False) + "\n")
    secs = time.perf_counter() - started
    print(f"synth: {w.files} files, {w.bytes} bytes ({w.bytes / 1e6:.1f} MB) in {content}: "
          f"{a.cases} cases, {len(G.WARDS)} areas, {len(G.THEMES)} themes, "
          f"{items} progress items in {len(YEARS)} years ({secs:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
