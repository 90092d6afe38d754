#!/usr/bin/env python3
"""gen_content.py N OUTDIR -- write N bilingual (en+ru) articles for the SSG benchmark.

Deterministic, stdlib only. Text comes from the parallel FLORES dev set
(line i of .en translates line i of .ru), so each Russian article is the
translation of its English twin. ~600 words per language (mean of en/ru).

Writes two layouts under OUTDIR:
  OUTDIR/hugo/content/posts/<slug>.en.md, <slug>.ru.md   (YAML front matter, translationKey)
  OUTDIR/pelican/content/posts/<slug>-en.md, <slug>-ru.md (Title/Date/Slug/Lang/Tags; shared slug)
"""

import datetime as dt
import os
import sys

CORPUS = os.environ.get(
    "FLORES_DIR",
    os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "corpus", "flores-ru-en"
    ),
)
OUTLETS = [
    "ovd-info",
    "novaya-gazeta",
    "kavkaz-uzel",
    "mediazona",
    "memorial",
    "meduza",
    "the-insider",
    "sova-center",
    "agora",
    "rights-in-russia",
]
TARGET_WORDS = 600  # per language (mean of en and ru word counts)
PARA_LINES = 4  # corpus lines per paragraph
BASE_DATE = dt.datetime(2020, 1, 1, 6, 0, tzinfo=dt.UTC)


def load(lang):
    with open(os.path.join(CORPUS, f"flores-dev.{lang}"), encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip()]


def title_of(line, nwords=8):
    words = line.split()[:nwords]
    return " ".join(words).rstrip(".,;:!?—-").replace('"', "'")


def article(i, en, ru):
    n = len(en)
    start = (i * 31) % n
    idx, wen, wru = [], 0, 0
    while (wen + wru) / 2 < TARGET_WORDS:
        j = (start + len(idx)) % n
        idx.append(j)
        wen += len(en[j].split())
        wru += len(ru[j].split())
    body = {}
    for lang, lines in (("en", en), ("ru", ru)):
        paras = [
            " ".join(lines[j] for j in idx[k : k + PARA_LINES])
            for k in range(0, len(idx), PARA_LINES)
        ]
        body[lang] = "\n\n".join(paras) + "\n"
    titles = {"en": title_of(en[start]), "ru": title_of(ru[start])}
    return titles, body


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_content.py N OUTDIR")
    count, out = int(sys.argv[1]), sys.argv[2]
    en, ru = load("en"), load("ru")
    if len(en) != len(ru):
        sys.exit(f"corpus not parallel: {len(en)} en vs {len(ru)} ru lines")
    hdir = os.path.join(out, "hugo", "content", "posts")
    pdir = os.path.join(out, "pelican", "content", "posts")
    os.makedirs(hdir, exist_ok=True)
    os.makedirs(pdir, exist_ok=True)
    words = {"en": 0, "ru": 0}
    for i in range(count):
        slug = f"article-{i + 1:05d}"
        key = f"a{i + 1:05d}"
        outlet = OUTLETS[i % len(OUTLETS)]
        date = BASE_DATE + dt.timedelta(hours=3 * i)
        titles, body = article(i, en, ru)
        for lang in ("en", "ru"):
            words[lang] += len(body[lang].split())
            write(
                os.path.join(hdir, f"{slug}.{lang}.md"),
                f'---\ntitle: "{titles[lang]}"\ndate: {date.isoformat()}\n'
                f'slug: {slug}\ntags: ["{outlet}"]\ntranslationKey: {key}\n---\n\n'
                + body[lang],
            )
            write(
                os.path.join(pdir, f"{slug}-{lang}.md"),
                f"Title: {titles[lang]}\nDate: {date:%Y-%m-%d %H:%M}\n"
                f"Slug: {slug}\nLang: {lang}\nTags: {outlet}\n"
                f"Translation-Key: {key}\n\n" + body[lang],
            )
    if count:
        print(
            f"{count} articles x 2 langs -> {out} "
            f"(mean words: en {words['en'] // count}, ru {words['ru'] // count})"
        )


if __name__ == "__main__":
    main()
