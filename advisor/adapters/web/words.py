"""Every word the web chat adds around the advice, as English gettext ids (Japanese in web.po).

The advice itself arrives already written in the user's language; these are the page's own labels
(card headings, buttons, chart axes) and the human names of profile codes, so the page never shows
``on_prem`` or ``regulated`` where a person expects words.
"""

from __future__ import annotations

from advisor.i18n import N_

STRINGS: dict[str, str] = {
    "welcome": N_(
        "**Which LLM should you use?** Tell me about your task in your own words; I ask only what "
        "changes the answer, check a sourced knowledge base and recommend a model with costs, "
        "reasons and sources. English or Japanese."
    ),
    "resumed": N_("Welcome back — continuing where we left off."),
    "why": N_("Why I ask"),
    "based_on": N_("Based on"),
    "assumed": N_("Assumed"),
    "would_change": N_("What would change this"),
    "recommended": N_("Recommended"),
    "per_month": N_("per month"),
    "alternatives": N_("Alternatives"),
    "comparison": N_("Candidates compared"),
    "col_model": N_("Model"),
    "col_deployment": N_("Runs as"),
    "col_cost": N_("Cost / month"),
    "col_hardware": N_("Hardware"),
    "col_licence": N_("Licence"),
    "col_context": N_("Context"),
    "api": N_("API"),
    "self_hosted": N_("self-hosted"),
    "api_via": N_("API via {provider}"),
    "self_hosted_on": N_("Self-hosted on {hardware}"),
    "rented_from": N_("rented from {provider}"),
    "fits": N_("fits: {need} of {have} GB"),
    "does_not_fit": N_("does not fit: {need} of {have} GB"),
    "commercial_ok": N_("commercial use allowed"),
    "commercial_no": N_("no commercial use"),
    "commercial_unknown": N_("commercial use unconfirmed"),
    "tokens": N_("{n} tokens"),
    "licence_conditions": N_("Licence conditions"),
    "warnings": N_("Warnings"),
    "hybrid": N_("Hybrid plan"),
    "no_candidate": N_("No model satisfies every hard constraint."),
    "advice": N_("Advice"),
    "excluded": N_("Not recommended, and why"),
    "sources": N_("Sources"),
    "as_of": N_("as of {date}"),
    "report": N_("Full report (Markdown)"),
    "details": N_("Details"),
    "chart_title": N_("Monthly cost against volume"),
    "chart_x": N_("Requests per day"),
    "chart_y": N_("{currency} per month (log scale)"),
    "break_even": N_("break-even ≈ {n}/day"),
    "your_volume": N_("your volume"),
    "budget": N_("budget"),
    "understood": N_("What I have understood"),
    "nothing_yet": N_("Nothing yet — tell me about your task."),
    "service_error": N_(
        "Sorry, something went wrong while answering ({error}). Your conversation is kept; please try again."
    ),
    "still_same": N_("Still {model}; {cost_before} → {cost_after} per month."),
    "now_other": N_("Now {model} instead of {previous}; {cost_before} → {cost_after} per month."),
    "why_not": N_("Why not {model}?"),
    "compare": N_("Compare {a} and {b}"),
    "what_if_double": N_("What if the volume doubles?"),
    "start_over": N_("Start over"),
    "start_over_text": N_("Let's start over with a new situation."),
    "upload_read": N_("Read {name} ({chars} characters)."),
    "upload_unreadable": N_(
        "I could not read {name}: {problem}. Paste the text instead, or upload txt, md, pdf or docx."
    ),
    "settings_sensitivity": N_("Data sensitivity"),
    "settings_deployment": N_("Where the model may run"),
    "settings_budget": N_("Monthly budget (USD)"),
    "settings_volume": N_("Requests per day"),
    "unknown": N_("unknown"),
    "rate_note": N_("Yen at 1 USD = ¥{yen} (rate of {date})."),
    "yes": N_("yes"),
    "no": N_("no"),
}

# Human names of the profile's codes (the contract keeps the codes; people read these).
CODES: dict[str, dict[str, str]] = {
    "data_sensitivity": {
        "public": N_("public data"),
        "internal": N_("internal data"),
        "confidential": N_("confidential data"),
        "regulated": N_("regulated data (personal, health, financial)"),
    },
    "deployment": {
        "any": N_("vendor APIs allowed"),
        "private_cloud": N_("only your own cloud account"),
        "on_prem": N_("only your own servers"),
        "air_gapped": N_("your own servers, no internet"),
    },
    "vendor_requirements": {
        "baa": N_("a signed BAA"),
        "zdr": N_("zero data retention"),
        "no_training": N_("no training on your data"),
        "dpa": N_("a data processing agreement"),
    },
    "latency": {"interactive": N_("interactive answers"), "batch": N_("batch processing")},
}

PROFILE_LINES: dict[str, str] = {
    "residency": N_("data stays in {regions}"),
    "cloud_provider": N_("inside your {cloud} account"),
    "hardware": N_("your hardware: {hardware}"),
    "no_hardware": N_("no GPUs of your own"),
    "volume": N_("{n} requests a day"),
    "budget": N_("budget {amount} a month"),
    "context": N_("longest input {n} tokens"),
    "languages": N_("languages: {languages}"),
    "tasks": N_("tasks: {tasks}"),
    "commercial": N_("commercial use"),
    "mau": N_("{n} monthly users"),
}

# A changed chat setting, said as a what-if the conversation service understands.
WHAT_IF: dict[str, str] = {
    "frame": N_("What if {changes}?"),
    "glue": N_(" and "),
    "data_sensitivity.public": N_("the data is public"),
    "data_sensitivity.internal": N_("the data is internal only"),
    "data_sensitivity.confidential": N_("the data is confidential"),
    "data_sensitivity.regulated": N_("the data is regulated personal data"),
    "deployment.any": N_("we can use vendor APIs"),
    "deployment.private_cloud": N_("it must run in our own cloud account"),
    "deployment.on_prem": N_("it must run on our own servers"),
    "deployment.air_gapped": N_("it must run air-gapped with no internet"),
    "budget": N_("the budget is ${n} a month"),
    "volume": N_("we have {n} requests a day"),
}
