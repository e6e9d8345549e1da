"""Words shared by the reports."""

from ..models import ArticleInfo, Role

TYPE_NAMES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place (country, city)",
    "LOC": "place",
    "NORP": "group or nationality",
    "FAC": "building or site",
    "EVENT": "event",
    "LAW": "law",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
    "MISC": "other name",
}


def source_label(info: ArticleInfo) -> str:
    parts = [info.outlet or f"article {info.id}"]
    if info.published:
        parts.append(info.published)
    return ", ".join(parts)


def role_text(role: Role) -> str:
    title = role.title or "of"
    if role.organisation and role.title:
        return f"{title} ({role.organisation})"
    if role.organisation:
        return f"{title} {role.organisation}"
    return title

