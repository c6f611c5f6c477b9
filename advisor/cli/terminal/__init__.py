"""`advisor chat` on a terminal: rich rendering (headings, bold, tables that fit the width), line editing
and history, slash commands, a goodbye on Ctrl-C / Ctrl-D. Piped use stays in ``advisor.cli.chat_cmd``
exactly as the contract says (one turn per line, ``---`` after each reply)."""
