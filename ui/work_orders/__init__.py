"""The Work orders (作業指示) page: a paged list with filters and a detail pane."""
