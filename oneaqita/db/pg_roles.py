"""PostgreSQL roles of the app: one group role per app role, one login role per app user.

On PostgreSQL every user of the app is a login role of its own, and the server checks its
password (SCRAM-SHA-256); the app stores none. A login role is a member of exactly one of the
group roles below, and the group roles carry the GRANTs and row-level policies that the
permission table (oneaqita/permissions.py) decides. No app role owns a table: the tables
belong to the role that runs the migrations (the owner).
"""

from oneaqita.models import Role

__all__ = ["GROUP_ROLES", "group_role"]

GROUP_ROLES: dict[Role, str] = {role: f"oneaqita_{role.value}" for role in Role}


def group_role(role: Role) -> str:
    """The PostgreSQL group role (NOLOGIN) whose members act as ``role``."""
    return GROUP_ROLES[role]
