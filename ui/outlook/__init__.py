"""The 改築需要 page: the renewal outlook with its levelled scenario, and the condition
overview (健全度)."""
