#!/usr/bin/env python3
"""Derive a stress corpus from a syndicated-feeds corpus (the format of ../shared/corpus/*).

feedmerge must do well on feeds it was never tuned on. This applies, deterministically (seeded), habits
of real syndication the source corpus does not have, with vocabulary and shapes the source never uses:

- datelines glued to the first sentence ("KELLERBY, Nov 18 (Coastal Wire) - The ..."), at two outlets;
- editor's notes and corrections as the first paragraph, at one outlet;
- a second rewriting desk with its own house style (its own synonyms, small numbers as words, "per cent"),
  dropping about a third of the sentences;
- other headline decorations: "(VIDEO)" and "[UPDATED]", "Breaking:", "- <Outlet>" and "| <Section>".

Links, GUIDs and truth are unchanged: `truth.json` is copied as it is (the transforms it lists are the
source's; these perturbations come on top).

    python3 bench/perturb_corpus.py ../shared/corpus/dev-hard /tmp/stress-corpus [--seed 7]
"""
import html
import json
import random
import re
import shutil
import sys
from pathlib import Path

PLACES = ["KELLERBY", "PORT ARDEN", "SKARVIK", "NEW HOLM", "ELMSWORTH", "BRAYMOUTH"]
AGENCIES = ["Coastal Wire", "NPA", "Meridian Press"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# The second desk's house style: words the source corpus's desks do not swap.
DESK = {
    "said": "stated", "says": "states", "told": "informed", "company": "firm", "companies": "firms",
    "people": "persons", "big": "large", "show": "programme", "began": "started", "start": "begin",
    "help": "assist", "about": "around", "buy": "purchase", "bought": "purchased", "main": "principal",
    "also": "additionally", "but": "however", "get": "obtain", "new": "novel", "added": "noted",
    "because": "as", "many": "numerous", "very": "highly", "made": "produced", "make": "produce",
    "use": "utilise", "used": "utilised", "week": "seven days", "before": "prior to", "after": "following",
}
SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text) if s]


def desk_rewrite(paragraphs: list[str], rng: random.Random) -> list[str]:
    out = []
    for i, para in enumerate(paragraphs):
        sents = sentences(para)
        kept = [s for j, s in enumerate(sents) if (i == 0 and j == 0) or rng.random() > 0.33]
        text = " ".join(kept)
        def swap(m: re.Match) -> str:
            w = m.group(0)
            low = w.lower()
            if low in DESK and rng.random() < 0.8:
                rep = DESK[low]
                return rep.capitalize() if w[0].isupper() else rep
            return w
        text = re.sub(r"[A-Za-z]+", swap, text)
        text = re.sub(r"\b([0-9]|1[0-2])\b(?![.,:][0-9])", lambda m: SMALL[int(m.group(1))], text)
        text = re.sub(r"(\d)%", r"\1 per cent", text)
        if text:
            out.append(text)
    return out


def paragraphs_of(body: str) -> list[str] | None:
    """The plain paragraphs of a simple `<p>` body, or None if the markup is anything else."""
    if not re.fullmatch(r"\s*(<p>.*?</p>\s*)+", body, re.S):
        return None
    paras = re.findall(r"<p>(.*?)</p>", body, re.S)
    if any("<" in p for p in paras):
        return None
    return [html.unescape(p) for p in paras]


def rewrite_body(body: str, kind: str, rng: random.Random, date: str, outlet_name: str) -> str:
    if kind == "dateline":
        place, agency = rng.choice(PLACES), rng.choice(AGENCIES)
        dateline = f"{place}, {date} ({agency}) - " if rng.random() < 0.7 else f"{place} ({agency}) - "
        # Glued into the first paragraph of text, whatever the markup around it.
        return re.sub(r"(<p[^>]*>|<div[^>]*>|^)(\s*)(?=[A-Z\"'])", lambda m: m.group(1) + m.group(2) + html.escape(dateline), body, count=1)
    if kind == "note":
        note = rng.choice([
            f"Editor's note: this article was updated on {date} to correct the spelling of a name.",
            f"Correction ({date}): an earlier version of this story gave the wrong title for one of the people quoted.",
            f"Editor's note: {outlet_name} has added comment from the organisers.",
        ])
        return f"<p>{html.escape(note)}</p>\n{body}"
    if kind == "desk":
        paras = paragraphs_of(body)
        if paras is None:
            text = re.sub(r"<[^>]+>", "\n", body)
            paras = [html.unescape(p).strip() for p in text.split("\n") if len(p.split()) >= 8]
        return "\n".join(f"<p>{html.escape(p)}</p>" for p in desk_rewrite(paras, rng))
    return body


def decorate_title(title: str, rng: random.Random, outlet_name: str) -> str:
    r = rng.random()
    if r < 0.2:
        return f"{title} (VIDEO)"
    if r < 0.35:
        return f"[UPDATED] {title}"
    if r < 0.5:
        return f"Breaking: {title}"
    if r < 0.7:
        return f"{title} - {outlet_name}"
    if r < 0.85:
        return f"{title} | {rng.choice(['Culture', 'Tech', 'Business'])}"
    return title


def main() -> None:
    args = sys.argv[1:]
    seed = 7
    if "--seed" in args:
        seed = int(args[args.index("--seed") + 1])
        del args[args.index("--seed") : args.index("--seed") + 2]
    src, dst = Path(args[0]), Path(args[1])
    rng = random.Random(seed)
    outlets = json.loads((src / "outlets.json").read_text())
    full = [o for o in outlets if not o.get("excerptOnly") and o["id"] not in ("telegraf",)]
    rng.shuffle(full)
    roles = {}
    for o, role in zip(full, ["dateline", "dateline", "note", "desk", "titles", "titles"]):
        roles[o["id"]] = role
    if dst.exists():
        shutil.rmtree(dst)
    (dst / "feeds").mkdir(parents=True)
    shutil.copy(src / "truth.json", dst / "truth.json")
    (dst / "outlets.json").write_text(json.dumps(outlets, indent=1))
    for o in outlets:
        raw = (src / o["file"]).read_bytes()
        encoding = o.get("encoding", "UTF-8")
        text = raw.decode(encoding)
        role = roles.get(o["id"])
        if role:
            text = perturb(text, role, rng, o["name"])
        (dst / o["file"]).write_bytes(text.encode(encoding, errors="xmlcharrefreplace"))
    (dst / "README.md").write_text(
        f"Derived by bench/perturb_corpus.py from {src} (seed {seed}). Roles: {json.dumps(roles)}\n"
    )
    print(f"{dst}: roles {roles}")


def perturb(text: str, role: str, rng: random.Random, outlet_name: str) -> str:
    def item(m: re.Match) -> str:
        block = m.group(0)
        date_m = re.search(r"<pubDate>\w+, (\d+) (\w+)", block) or re.search(r"<published>\d{4}-(\d\d)-(\d\d)", block)
        date = f"{date_m.group(2)} {int(date_m.group(1))}" if date_m and not date_m.group(2).isdigit() else "Nov 18"
        if role == "titles":
            block = re.sub(
                r"<title([^>]*)>(.*?)</title>",
                lambda t: f"<title{t.group(1)}>{html.escape(decorate_title(html.unescape(t.group(2)), rng, outlet_name), quote=False)}</title>",
                block,
                count=1,
                flags=re.S,
            )
            return block
        apply = role != "note" or rng.random() < 0.5
        if not apply:
            return block

        def body(b: re.Match) -> str:
            return b.group(1) + rewrite_body(b.group(2), role, rng, date, outlet_name) + b.group(3)

        block = re.sub(r"(<content:encoded><!\[CDATA\[)(.*?)(\]\]></content:encoded>)", body, block, count=1, flags=re.S)
        block = re.sub(r"(<content type=\"html\"><!\[CDATA\[)(.*?)(\]\]></content>)", body, block, count=1, flags=re.S)
        if role == "dateline":
            block = re.sub(r"(<description><!\[CDATA\[)(.*?)(\]\]></description>)", body, block, count=1, flags=re.S)
        return block

    return re.sub(r"<item>.*?</item>|<entry>.*?</entry>", item, text, flags=re.S)


if __name__ == "__main__":
    main()
