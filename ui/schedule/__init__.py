"""The schedule (予定表): planned work per assignee, by week or month."""
