"""One drawn mark per case category (24 × 24 SVG paths, stroked): the case cards' cover band."""

from home.choices import CaseCategory

CATEGORY_ICONS = {
    # A flag on its pole: the class's own banner and rules.
    CaseCategory.CLASS_CULTURE: "M5 21V4 M5 4h11l-2 4 2 4H5",
    # Two hands holding a heart: support that lasts.
    CaseCategory.KEY_STUDENT_SUPPORT: (
        "M12 10.5c-1.6-2.6-5-1.6-5 .9 0 2 2.6 3.6 5 5.6 2.4-2 5-3.6 5-5.6 0-2.5-3.4-3.5-5-.9z M3 14l4 6h10l4-6"
    ),
    # A student with a rising star: one student's change.
    CaseCategory.TYPICAL_STUDENT: "M12 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M6 21v-2a6 6 0 0 1 12 0v2 M19 4l.9 1.8 2 .3-1.4 1.4.3 2-1.8-.9",
    # A home and a speech bubble: school and family talking.
    CaseCategory.FAMILY_COMMUNICATION: "M3 11l6-5 6 5 M5 10v9h8v-9 M15 4h6v5h-3l-2 2V9h-1z",
    # A shield with an exclamation mark: handling the unexpected.
    CaseCategory.EMERGENCY: "M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z M12 8v5 M12 16v.5",
}
