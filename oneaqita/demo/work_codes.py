"""The codes of the catalogue's work types that the demo's generated work orders have (the
catalogue itself, with names, is in the database: oneaqita.services.work_types)."""


class T:
    INSPECTION = "inspection"
    TV_SURVEY = "tv_survey"
    CLEANING = "cleaning"
    REPAIR = "repair"
    EMERGENCY = "emergency"
    # The office services the demo adds a few of (demo/office_work.py).
    DESIGN_REVIEW = "design_review"
    ESTIMATE = "estimate"
    TRAINING = "training"
    STRATEGY = "strategy"
    STOCK_PLAN = "stock_plan"
