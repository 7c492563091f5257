"""The use cases. Each validates, checks the acting user's role, audits and commits one unit
of work; the UI and the CLI call these and never write rows themselves."""
