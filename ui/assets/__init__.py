"""The Assets page (施設台帳): list, tree, card and editor."""
