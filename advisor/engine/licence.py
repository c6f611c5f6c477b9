"""Licence checks: commercial use, user caps, the EU multimodal clause and acceptable-use policies.

AUP matching is deliberately conservative: the KB tags each licence's prohibited uses
(``aup_prohibits``); a model is excluded only when an unambiguous word the user gave (a regulation
such as ITAR, a workload name such as "weapons targeting") falls under a tag. Regulated domains that
AUPs mention only as "unlicensed practice" (medical, legal, financial) or as sensitive personal data
become a licence_condition warning, not an exclusion, because licensed professionals using a model
lawfully is not what those clauses forbid.
"""

from __future__ import annotations

import re

from advisor.engine.models import Reason
from advisor.engine.profile import Resolved
from advisor.i18n import Label, Msg, Num, Text, msg
from advisor.kb.schema import Licence, Model

# AUP tag -> words in the user's stated use (workload names, regulations) that clearly fall under it.
# Only unambiguous words: a match excludes the model.
_EXCLUDING: dict[str, frozenset[str]] = {
    "military": frozenset({"military", "defence", "defense", "warfare", "itar", "targeting"}),
    "weapons": frozenset({"weapon", "weapons", "munitions", "itar", "explosives"}),
    "surveillance": frozenset({"surveillance", "tracking"}),
    "malware": frozenset({"malware", "exploit", "exploits"}),
    "spam": frozenset({"spam", "bulk-messaging"}),
    "disinformation": frozenset({"disinformation", "propaganda"}),
    "fake_engagement": frozenset({"astroturfing"}),
    "illegal_drugs": frozenset({"narcotics"}),
}
# AUP tag -> words or regulations that make it a condition to honour (licensed professionals
# using a model is not what these clauses forbid, so they never exclude).
_ADVISORY: dict[str, frozenset[str]] = {
    "unlicensed_medical_advice": frozenset(
        {"hipaa", "medical", "patient", "patients", "clinical", "health", "hospital", "diagnosis"}
    ),
    "unlicensed_legal_advice": frozenset({"legal", "law", "contract", "contracts", "litigation"}),
    "unlicensed_financial_advice": frozenset(
        {"pci_dss", "finra", "sox", "glba", "financial", "finance", "investment", "banking"}
    ),
    "sensitive_personal_data": frozenset({"hipaa", "gdpr", "appi", "pii", "personal"}),
    "automated_legal_decisions": frozenset({"eu_ai_act", "credit", "scoring", "hiring", "recruitment"}),
    "critical_infrastructure": frozenset({"grid", "scada", "utility", "utilities", "infrastructure"}),
}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9_-]+", text.lower()))


def _profile_terms(r: Resolved) -> set[str]:
    terms = set(r.regulations)
    for w in r.profile.workloads:
        terms |= _words(w.name)
    return terms


def licence_blocks(lic: Licence, r: Resolved) -> list[Reason]:
    """Reasons the licence itself rules out every model under it for this profile (cached per call)."""
    out: list[Reason] = []
    if r.commercial:
        if lic.kind in ("research_only", "non_production") or lic.commercial_use is False:
            out.append(
                Reason(
                    code="licence",
                    text=msg(
                        "Its licence ({licence}) does not allow commercial use; your use is commercial.",
                        licence=lic.name,
                    ),
                )
            )
        elif lic.commercial_use is None:
            out.append(
                Reason(
                    code="licence",
                    text=msg(
                        "Its licence ({licence}) does not clearly grant commercial use (not confirmed in "
                        "the knowledge base), so it is not offered for commercial work.",
                        licence=lic.name,
                    ),
                )
            )
    if lic.mau_cap is not None and r.mau is not None and r.mau > lic.mau_cap:
        out.append(
            Reason(
                code="mau_cap",
                text=msg(
                    "{licence} requires a separate licence from the vendor above {cap} monthly "
                    "active users; you expect {mau}.",
                    licence=lic.name,
                    cap=Num(lic.mau_cap),
                    mau=Num(r.mau),
                ),
            )
        )
    terms = _profile_terms(r)
    for tag in lic.aup_prohibits:
        hit = sorted(terms & _EXCLUDING.get(tag, frozenset()))
        if hit:
            out.append(
                Reason(
                    code="licence",
                    text=msg(
                        "{licence}'s acceptable-use policy prohibits {tag}, which matches your stated "
                        "use ({hits}).",
                        licence=lic.name,
                        tag=Label("aup", tag),
                        hits=hit,
                    ),
                )
            )
    return out


def eu_clause(model: Model, lic: Licence, r: Resolved) -> Reason | None:
    if lic.eu_multimodal_restriction and r.region == "eu" and "image" in model.modalities_in:
        return Reason(
            code="region",
            text=msg(
                "{licence} grants no rights to the multimodal {model} to individuals or "
                "companies domiciled in the EU.",
                licence=lic.name,
                model=model.name,
            ),
        )
    return None


def licence_reasons(model: Model, lic: Licence, r: Resolved) -> list[Reason]:
    """Reasons the licence rules this model out for this profile (empty when allowed)."""
    eu = eu_clause(model, lic, r)
    return licence_blocks(lic, r) + ([eu] if eu else [])


def kb_conditions(lic: Licence) -> list[Text]:
    """The KB's own conditions with their Japanese forms (``conditions_ja``, one for one when present)."""
    ja = lic.conditions_ja if len(lic.conditions_ja) == len(lic.conditions) else [None] * len(lic.conditions)
    return [Text(en, j, source=lic.name) for en, j in zip(lic.conditions, ja, strict=True)]


def licence_conditions(lic: Licence, r: Resolved) -> list[Msg | Text]:
    """Conditions the user must honour when using a model under this licence. The KB's own wording is
    quoted as written (a sourced fact, with its Japanese form); only our labels around it are ours."""
    conds: list[Msg | Text] = list(kb_conditions(lic))
    if lic.attribution:
        conds.append(msg("Attribution: {text}", text=Text(lic.attribution, source=lic.name)))
    if lic.naming:
        conds.append(msg("Naming: {text}", text=Text(lic.naming, source=lic.name)))
    if lic.mau_cap is not None and (r.mau is None or r.mau <= lic.mau_cap):
        conds.append(
            msg(
                "User cap: a separate licence is needed above {cap} monthly active users.",
                cap=Num(lic.mau_cap),
            )
        )
    if lic.output_use:
        conds.append(msg("Output use: {text}", text=Text(lic.output_use, source=lic.name)))
    conds.extend(Text(c, source=lic.name) for c in lic.regional_clauses)
    terms = _profile_terms(r)
    if r.sensitivity == "regulated":
        terms.add("personal")
    for tag in lic.aup_prohibits:
        hit = sorted(terms & _ADVISORY.get(tag, frozenset()))
        if hit:
            conds.append(
                msg(
                    "Acceptable-use policy prohibits {tag} ({hits} applies to you): keep qualified, "
                    "accountable people responsible for the output and its lawful basis.",
                    tag=Label("aup", tag),
                    hits=hit,
                )
            )
    return list(dict.fromkeys(conds))
