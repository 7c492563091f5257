"""The staffing side: the People page, a person's card, the secondment dialog, the overview."""
