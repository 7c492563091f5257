"""The administrators' editor of the work-type catalogue."""
