"""The Slack bot: a thin Bolt adapter over the conversation service (see docs/slack.md).

app.py wires listeners; guard.py checks signatures (never logging bodies), drops repeats and refuses
malformed bodies; turns.py runs a turn per thread (thinking status, the card or a one-line diff, the
report file); messages.py, recommendation.py (the compact card), followups.py (its buttons),
tables.py, blocks.py and mrkdwn.py render replies as Block Kit (pure functions); home.py is App Home;
names.py shows knowledge-base names for ids; threads.py maps threads; server.py runs it over HTTP or
Socket Mode.
"""
