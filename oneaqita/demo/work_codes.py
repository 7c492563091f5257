"""The codes of the catalogue's field work that the demo's generated work orders have (the
catalogue itself, with names, is in the database: oneaqita.services.work_types)."""


class T:
    INSPECTION = "inspection"
    TV_SURVEY = "tv_survey"
    CLEANING = "cleaning"
    REPAIR = "repair"
    EMERGENCY = "emergency"
