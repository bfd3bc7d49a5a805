"""Niche relevance: a creator's categories and bio words against a niche's keywords.

Matching is by whole words, ignoring case and accents: "gym" is not "gymnastics".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# A starter dictionary; tiers.yaml `niches:` adds keywords (or whole niches) to it.
BUILTIN: dict[str, str] = {
    "fitness": "fitness gym workout hiit crossfit bodybuilding yoga pilates running trainer "
    "trainers",
    "beauty": "beauty makeup skincare cosmetics lashes nails mua",
    "fashion": "fashion style ootd streetwear outfit outfits thrift runway modeling modelling "
    "clothing accessories jewellery jewelry luxury",
    "food": "food foodie recipes recipe cooking baking chef vegan streetfood",
    "travel": "travel wanderlust backpacking roadtrip hostels traveler",
    "gaming": "gaming gamer streamer esports speedrun minecraft fortnite video-games video-game "
    "game games",
    "tech": "tech technology technologies gadgets computers coding programming developer dev "
    "devops web software startups cybersecurity cybersecurite sysadmin admin "
    "machine-learning ai ia ux",
    "finance": "finance investing stocks budgeting personal-finance economics",
    "parenting": "parenting mom dad motherhood fatherhood toddlers family kids toys",
    "pets": "pets pet dogs dog cats cat puppy animals",
    "music": "music singer songwriter producer guitar rapper rap hip-hop rhythm-and-blues dj "
    "covers",
    "comedy": "comedy humor humour funny sketches standup pranks memes",
    "education": "education teacher science history lessons study knowledge",
    "diy": "diy crafts woodworking upcycling handmade makers",
    "sports": "sports sport football soccer basketball athlete tennis wrestling",
    "photography": "photography photographer camera portraits",
    "art": "art artist artists painting illustration drawing digitalart design",
    "books": "books booktok bookstagram reading novels literature",
    "health": "health wellness nutrition mindfulness mental-health doctor medicine",
    "lifestyle": "lifestyle vlogs vlog vlogger blogger hobby hobbies",
    "automotive": "automotive cars jdm detailing motorsport autos vehicles motorbikes",
    "outdoors": "outdoors hiking camping climbing trails fishing nature landscapes",
    "home": "home interiors interior-design decor organizing renovation",
    "crypto": "crypto bitcoin web3 defi nft blockchain",
    "dance": "dance dancer choreography ballet salsa",
    "entertainment": "entertainment movies movie cinema film films actors actor actresses "
    "actress shows tv animation performing-arts",
    "news": "news politics journalism society",
    "business": "business careers marketing management entrepreneur retail shopping",
}
CATEGORY_WEIGHT = 0.6  # a category names the niche or one of its keywords
BIO_WEIGHT = 0.4  # bio words and hashtags: BIO_WEIGHT * (1 - 0.5**hits), saturating
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: "Café" -> "cafe"."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> str:
    """Text as its words, space-separated and padded: "#Fitness coach!" -> " fitness coach "."""
    return " " + " ".join(_WORD.findall(fold(text))) + " "


@dataclass(frozen=True)
class Niche:
    """One niche: its name and keywords (phrases of whole words)."""

    name: str
    keywords: tuple[str, ...]

    def hits(self, padded: str) -> list[str]:
        """The keywords that stand as whole words in padded text."""
        return [k for k in self.keywords if f" {k} " in padded]


def niche_table(extra: Mapping[str, Iterable[str]] | None = None) -> dict[str, Niche]:
    """The built-in dictionary, extended by a config's `niches:`."""
    merged = {name: text.split() for name, text in BUILTIN.items()}
    for name, keywords in (extra or {}).items():
        merged.setdefault(fold(name).strip(), [name]).extend(str(k) for k in keywords)
    table = {}
    for name, keywords in merged.items():
        phrases = (words(k.replace("-", " ")).strip() for k in [name, *keywords])
        table[name] = Niche(name, tuple(dict.fromkeys(p for p in phrases if p)))
    return table


@dataclass
class NicheMatcher:
    """Relevance of creators to the niches asked for (the best of them)."""

    niches: list[Niche]
    unknown: list[str] = field(default_factory=list)
    _categories: dict[str, bool] = field(default_factory=dict)
    screen: tuple[str, ...] = ()  # every keyword, for a quick substring test

    def __post_init__(self) -> None:
        # a keyword can only stand in a bio whose folded text contains it; plain substring
        # tests are the fastest screen the standard library has (an IGNORECASE regex is 9x slower)
        firsts = {k.split()[0] for n in self.niches for k in n.keywords}  # "video games": "video"
        self.screen = tuple(sorted(firsts, key=len))

    @classmethod
    def build(
        cls, names: Sequence[str], extra: Mapping[str, Iterable[str]] | None = None
    ) -> NicheMatcher:
        """The matcher of --niche names; an unknown name matches the word itself."""
        table = niche_table(extra)
        found, unknown = [], []
        for name in names:
            key = fold(name).strip()
            if key in table:
                found.append(table[key])
            else:
                unknown.append(name)
                found.append(Niche(key, (words(key).strip(),)))
        return cls(found, unknown)

    def category_match(self, categories: Sequence[str]) -> bool:
        """True when a category names a wanted niche or one of its keywords."""
        for category in categories:
            known = self._categories.get(category)
            if known is None:
                padded = words(category)
                known = self._categories[category] = any(n.hits(padded) for n in self.niches)
            if known:
                return True
        return False

    def bio_hits(self, bio: str | None) -> int:
        """The most keywords of one wanted niche that the bio holds as whole words."""
        if not bio:
            return 0
        folded = bio.lower() if bio.isascii() else fold(bio)
        for key in self.screen:
            if key in folded:
                break
        else:
            return 0
        padded = words(folded)
        return max(len(n.hits(padded)) for n in self.niches)

    def passes(self, categories: Sequence[str], bio: str | None, minimum: float) -> bool:
        """relevance(...) >= minimum, skipping the bio when the categories settle it."""
        if minimum <= CATEGORY_WEIGHT and self.category_match(categories):
            return True
        return self.relevance(categories, bio) >= minimum

    def relevance(self, categories: Sequence[str], bio: str | None) -> float:
        """CATEGORY_WEIGHT for a category match, plus BIO_WEIGHT * (1 - 0.5**hits)."""
        category = CATEGORY_WEIGHT if self.category_match(categories) else 0.0
        hits = self.bio_hits(bio)
        return round(category + BIO_WEIGHT * (1 - 0.5**hits), 4)
