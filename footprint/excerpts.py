"""The sidebar's source cards: report, status, claimant, and the excerpt with
the place, the actor and the status cue highlighted.

Report text is untrusted: every piece is escaped before it meets HTML, and a
link is only made of an http(s) URL.
"""

from __future__ import annotations

import html
from urllib.parse import urlparse

from .features import Feature, Source
from .maps import status_svg


def escape(text: str, quote: bool = True) -> str:
    """Report text as HTML for a Streamlit Markdown block: escaped, and its line breaks written as
    character references (the same text to HTML), since a blank line ends a block of HTML in
    Markdown and would leave the words after it to be read as Markdown (images, links, emphasis)."""
    return html.escape(text, quote=quote).replace("\r", "&#13;").replace("\n", "&#10;")


def highlight(excerpt: str, spans: list[tuple[int, int, str]]) -> str:
    """Escaped ``excerpt`` with ``<mark class=…>`` around each (start, end, css class) span.

    Spans that are absent (negative), out of range or overlap an earlier one are skipped.
    """
    out, pos = [], 0
    for start, end, cls in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(excerpt)):
        if start < pos:
            continue
        out.append(escape(excerpt[pos:start]))
        out.append(f'<mark class="{escape(cls)}">{escape(excerpt[start:end])}</mark>')
        pos = end
    out.append(escape(excerpt[pos:]))
    return "".join(out)


def safe_url(url: str | None) -> str | None:
    if not url:
        return None
    parsed = urlparse(url)
    return url if parsed.scheme in ("http", "https") and parsed.netloc else None


def source_card(source: Source, feature: Feature, color: str) -> str:
    """One source behind a feature, as a block of escaped HTML."""
    e = escape
    title = e(source.title or "untitled report")
    url = safe_url(source.url)
    heading = f'<a href="{e(url, quote=True)}" target="_blank" rel="noopener noreferrer">{title}</a>' if url else title
    meta = " · ".join(e(x) for x in (source.publisher, source.published or "date unknown") if x)
    if feature.actor:
        what = (f"{status_svg(source.status, color, 14)} <b>{e(feature.actor)}</b> at <b>{e(feature.place_name)}</b>"
                f": <i>{e(source.status)}</i>")
        who = f"<br><span class='fp-claimant'>on the word of: {e(source.claimant)}</span>" if source.claimant else ""
        if source.review != "unreviewed":
            by = f" by {e(source.reviewer)}" if source.reviewer else ""
            at = f", {e(source.reviewed_at)} UTC" if source.reviewed_at else ""
            who += f"<br><span class='fp-review fp-{e(source.review, quote=True)}'>{e(source.review)}{by}{at}</span>"
        else:
            who += "<br><span class='fp-review fp-unreviewed'>not reviewed yet</span>"
        if feature.approximate:
            who += (f"<br><span class='fp-approximate'>approximate: the gazetteer does not know "
                    f"{e(source.place)}, so it is drawn over the area the report puts it in</span>")
    else:
        what = f"{status_svg('named', color, 14)} <b>{e(feature.place_name)}</b> named"
        who = ""
    text = highlight(source.excerpt, [
        (*source.place_span, "fp-place"), (*source.actor_span, "fp-actor"), (*source.cue_span, "fp-cue"),
    ])
    if source.reposts:
        copies = "; ".join(e(" · ".join(x for x in (publisher or "unknown outlet", title) if x))
                           for title, publisher, _url, _day in source.reposts)
        who += f"<br><span class='fp-review'>the same story, also carried by: {copies}</span>"
    return (
        f'<div class="fp-card" style="border-left:4px solid {e(color, quote=True)}">'
        f'<div class="fp-card-title">{heading}</div><div class="fp-card-meta">{meta}</div>'
        f"<div>{what}{who}</div><blockquote class='fp-excerpt'>{text}</blockquote></div>"
    )


def claim_card(claim, review: str, reviewer: str | None = None, reviewed_at: str | None = None) -> str:
    """One claim of a report for review, as escaped HTML: who, where, how sure, on whose word,
    its review, and its sentence with the words that made it marked."""
    e = escape
    details = "".join(f" · {e(x)}" for x in (
        f"on the word of {claim.claimant}" if claim.claimant else "", claim.date or "") if x)
    state = review + (f" by {reviewer}, {reviewed_at} UTC" if reviewer else "")
    base = claim.start
    text = highlight(claim.excerpt, [(claim.place_start - base, claim.place_end - base, "fp-place"),
                                     (claim.actor_start - base, claim.actor_end - base, "fp-actor"),
                                     (claim.cue_start - base, claim.cue_end - base, "fp-cue")])
    return (f"<div><b>{e(claim.actor)}</b> at <b>{e(claim.place_name)}</b>: <i>{e(claim.status)}</i>{details}"
            f"<br><span class='fp-review fp-{e(review, quote=True)}'>{e(state)}</span></div>"
            f"<blockquote class='fp-excerpt'>{text}</blockquote>")


CARD_CSS = """
<style>
.fp-note { color: rgba(49, 51, 63, 0.7); font-size: 0.875rem; margin: 0 0 0.5rem 0; }
.fp-note.fp-strong { color: inherit; font-weight: 600; font-size: 1rem; }
.fp-card{padding:6px 8px;margin:6px 0 10px 0;background:rgba(127,127,127,0.06);border-radius:4px;font-size:0.9rem}
.fp-card-title{font-weight:600}
.fp-card-meta{color:#666;font-size:0.8rem;margin-bottom:2px}
.fp-claimant{color:#555;font-size:0.85rem}
.fp-approximate{color:#8a5a00;font-size:0.85rem;font-style:italic}
.fp-review{font-size:0.8rem;color:#666}
.fp-accepted,.fp-edited,.fp-added{color:#1a7f37;font-weight:600}
.fp-rejected{color:#b42318;font-weight:600}
.fp-excerpt{margin:4px 0 0 0;padding-left:8px;border-left:2px solid #ccc;font-size:0.88rem}
mark.fp-place{background:#ffe58a;padding:0 2px}
mark.fp-actor{background:#b9e3ff;padding:0 2px}
mark.fp-cue{background:#ffc9c9;padding:0 2px}
.fp-legend-row{font-size:0.85rem;line-height:1.6}
</style>
"""
