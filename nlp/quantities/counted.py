"""Chinese counted nouns after a measure word: where the noun phrase ends, what 项 counts.

"4个自然寨的人居环境": the counted noun is 自然寨 and stops at 的; "两项培训" counts kinds
of training, not projects; "实施以工代赈26项" counts projects.
"""

from __future__ import annotations

import re

from nlp.places.scan import common_words, is_cjk
from nlp.settings import SETTINGS
from nlp.words import words

# The counted noun never runs past these (的 starts a modifier of something else).
NOUN_STOP = frozenset("的之，。、；：！？,.;:!?（）()“”\"《》 和与及或等0123456789万亿千百")
# One-character words that end a noun phrase: 自然|寨, 村民|组, 安置|点.
_NOUN_TAILS = frozenset("寨村组户点区站所厂园馆室队场库桥路渠池房屋塘坝井棚院校班类项")
# Parts of speech (jieba) of words that end a noun phrase once it has begun.
_PHRASE_END_POS = ("v", "p", "c", "u", "d", "r", "f", "t")
# Words before a bare "N项" that make it a count of projects.
_PROJECT_CONTEXT = re.compile(r"项目|工程|开工|竣工|完工|建成|实施|谋划|储备|申报|立项")
# A project verb right before a bare "N个" ("已开工71个", "累计建成项目…竣工45个").
_PROJECT_VERB = re.compile(r"(?:开工|竣工|完工|建成|开建|立项)(?:建设)?了?(?:共|累计|合计|总计)?$")
# Collective nouns between a neutral measure and a people noun: "22个省份脱贫劳动力" counts
# provinces, "5个安置点群众" counts sites.
_COLLECTIVE = re.compile(r"省份|省区|地区|城市|县|市|乡镇|街道|社区|安置区|安置点|企业|合作社|"
                         r"基地|车间|园区|部门|单位")
# Heads that make a people/household noun before them a modifier: 村民小组, 农户合作社.
_OTHER_HEAD = re.compile(
    r"小组|委员会|合作社|协会|大会|之家|中心|服务站|夜校|组织(?!动员|开展|实施|引导)|议事会|车间|工厂"
)


def modifies_other_head(norm: str, end: int) -> bool:
    """Whether the noun ending at ``end`` only modifies a following head noun."""
    return bool(_OTHER_HEAD.match(norm, end))


def noun_limit(norm: str, pos: int, limit: int) -> int:
    """The end of the stretch after ``pos`` in which a counted noun may lie (stops at 的)."""
    end = pos
    while end < limit and norm[end] not in NOUN_STOP:
        end += 1
    return end


def noun_phrase_end(norm: str, pos: int) -> int | None:
    """End of the noun phrase starting at ``pos`` ("自然寨" in "自然寨的人居环境",
    "示范基地" in "示范基地建设"); None when no CJK noun starts there."""
    end = noun_limit(norm, pos, min(len(norm), pos + SETTINGS.quantities.noun_max_chars + 4))
    segment = norm[pos:end]
    if not segment or not all(is_cjk(ch) for ch in segment[:1]):
        return None
    pos_of = common_words()
    length = 0
    for i, word in enumerate(words(segment)):
        if not all(is_cjk(ch) for ch in word):
            break
        if i and pos_of.get(word, "n").startswith(_PHRASE_END_POS):
            break
        if i and len(word) == 1 and word not in _NOUN_TAILS:
            break  # "两项指标均…": 均 is no part of the noun
        if length + len(word) > SETTINGS.quantities.noun_max_chars:
            break
        length += len(word)
    return pos + length if length else None


def counts_projects(norm: str, measure_end: int, start: int | None, broad: bool = True) -> bool:
    """Whether a bare "N项"/"N个" (no noun after it) counts projects, from the words before
    it: for 项 any project word shortly before, for 个 a project verb right before."""
    if measure_end < len(norm) and is_cjk(norm[measure_end]) and norm[measure_end] not in (
        NOUN_STOP
    ):
        return False  # "两项培训", "三项机制": kinds of something, not projects
    if start is None:
        return False
    if not broad:
        return bool(_PROJECT_VERB.search(norm, max(0, start - 8), start))
    lookback = SETTINGS.quantities.project_lookback
    return bool(_PROJECT_CONTEXT.search(norm, max(0, start - lookback), start))


def collective_before(noun: str, head_start: int) -> bool:
    """Whether a collective noun sits before the people noun at ``head_start``."""
    return bool(_COLLECTIVE.search(noun, 0, head_start))


# The head of a long counted noun phrase: "2.3万个中小型农业农村基础设施项目" counts projects,
# "4个老旧小区改造工程" projects, "3000余个…公益性岗位" posts.
_PHRASE_HEADS = (("projects", re.compile(r"项目|工程|专项")),
                 ("positions", re.compile(r"岗位|就业机会")))


# Verbs that take a project as their object end the counted phrase: 80个嘎查村|实施项目30个.
_PREDICATE = re.compile(r"实施|建设|开展|完成|带动|吸纳|发放|投入|建成|开工|落实|组织|安排|"
                        r"下达|争取|申报|谋划|推进|启动|储备|新建|打造")


def phrase_head(norm: str, pos: int) -> tuple[str, int] | None:
    """The unit and end of a project or post head noun closing the noun phrase at ``pos``."""
    end = noun_limit(norm, pos, min(len(norm), pos + SETTINGS.quantities.phrase_head_reach))
    verb = _PREDICATE.search(norm, pos, end)
    end = verb.start() if verb else end
    if end <= pos or not is_cjk(norm[pos]):
        return None
    for unit, pattern in _PHRASE_HEADS:
        m = pattern.search(norm, pos, end)
        if m is not None:
            return unit, m.end()
    return None
