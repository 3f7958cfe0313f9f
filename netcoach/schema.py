"""The network-log format: file names, columns and the allowed values.

A network log is a folder with two spreadsheet-friendly CSV files,
``contacts.csv`` and ``interactions.csv`` (and an optional ``settings.toml``).
This module is the single source of truth for their vocabulary; the loader,
the validator, the scorers, the importers and the book all read it from here.
See ``data/README.md`` for the learner-facing description.
"""

from __future__ import annotations

CONTACTS_FILE = "contacts.csv"
INTERACTIONS_FILE = "interactions.csv"
SETTINGS_FILE = "settings.toml"

# --- contacts.csv ---------------------------------------------------------------------------
CONTACT_COLUMNS: tuple[str, ...] = (
    "contact_id",  # required, unique, any short text: c001, priya-shah, ...
    "name",  # required
    "organisation",
    "role",
    "how_met",
    "tier",  # inner | close | active | outer (blank = outer)
    "cadence_days",  # optional whole number of days; overrides the tier's default
    "email",
    "profile_url",
    "tags",  # separated by ";"
    "notes",
)
CONTACT_REQUIRED: tuple[str, ...] = ("contact_id", "name")

# --- interactions.csv -----------------------------------------------------------------------
INTERACTION_COLUMNS: tuple[str, ...] = (
    "date",  # the day the contact HAPPENED (not the day you logged it)
    "contact_id",  # must exist in contacts.csv
    "channel",  # see CHANNELS
    "kind",  # what happened: see KINDS
    "initiated_by",  # me | them (blank = inferred from kind)
    "note",  # free text; for declined_lead, the reason
)
INTERACTION_REQUIRED: tuple[str, ...] = ("date", "contact_id", "channel", "kind")

# --- channels ---------------------------------------------------------------------------------
RICH_CHANNELS: tuple[str, ...] = ("in_person", "event", "video", "phone")
LEAN_CHANNELS: tuple[str, ...] = ("email", "social", "text")
CHANNELS: tuple[str, ...] = RICH_CHANNELS + LEAN_CHANNELS

CHANNEL_LABELS: dict[str, str] = {
    "in_person": "In person",
    "event": "Event",
    "video": "Video call",
    "phone": "Phone",
    "email": "Email",
    "social": "Social / LinkedIn",
    "text": "Text message",
}

# What real spreadsheets contain, mapped to the canonical value. Keys are compared after
# lower-casing and turning spaces and hyphens into underscores.
CHANNEL_ALIASES: dict[str, str] = {
    "in_person": "in_person",
    "inperson": "in_person",
    "face_to_face": "in_person",
    "f2f": "in_person",
    "coffee": "in_person",
    "meeting": "in_person",
    "event": "event",
    "conference": "event",
    "meetup": "event",
    "trade_show": "event",
    "fair": "event",
    "careers_fair": "event",
    "video": "video",
    "video_call": "video",
    "zoom": "video",
    "teams": "video",
    "phone": "phone",
    "call": "phone",
    "phone_call": "phone",
    "telephone": "phone",
    "email": "email",
    "e_mail": "email",
    "mail": "email",
    "social": "social",
    "linkedin": "social",
    "social_media": "social",
    "twitter": "social",
    "x": "social",
    "mastodon": "social",
    "text": "text",
    "text_message": "text",
    "sms": "text",
    "whatsapp": "text",
    "signal": "text",
}

# --- kinds (what happened) --------------------------------------------------------------------
GIVE_KINDS: tuple[str, ...] = ("shared", "congratulated", "introduced", "referred", "helped")
ASK_KINDS: tuple[str, ...] = ("asked_advice", "asked_intro", "asked_referral", "asked_lead")
RECEIVED_KINDS: tuple[str, ...] = (
    "received_help",
    "received_intro",
    "received_referral",
    "received_lead",
)
LEAD_KIND = "received_lead"
FOLLOW_UP_KINDS: tuple[str, ...] = ("followed_up_lead", "declined_lead")
THANKS_KIND = "thanked"
TOUCH_KINDS: tuple[str, ...] = ("check_in", "first_meeting", "other")
KINDS: tuple[str, ...] = (
    GIVE_KINDS + ASK_KINDS + RECEIVED_KINDS + FOLLOW_UP_KINDS + (THANKS_KIND,) + TOUCH_KINDS
)

KIND_LABELS: dict[str, str] = {
    "shared": "Shared an article, news or a useful link",
    "congratulated": "Congratulated them (new role, award, launch)",
    "introduced": "Introduced them to someone",
    "referred": "Referred them or passed on an opportunity",
    "helped": "Lent a hand (feedback, a favour, your time)",
    "asked_advice": "Asked for advice",
    "asked_intro": "Asked for an introduction",
    "asked_referral": "Asked for a referral",
    "asked_lead": "Asked about job leads",
    "received_help": "They helped you (advice, feedback, time)",
    "received_intro": "They introduced you to someone",
    "received_referral": "They referred you",
    "received_lead": "They gave you a job lead",
    "followed_up_lead": "You followed up a lead they gave you",
    "declined_lead": "You told them why a lead was not for you",
    "thanked": "You thanked them",
    "check_in": "A keep-in-touch check-in",
    "first_meeting": "First meeting or conversation",
    "other": "Something else",
}

KIND_ALIASES: dict[str, str] = {
    **{k: k for k in KINDS},
    "share": "shared",
    "shared_article": "shared",
    "shared_news": "shared",
    "congratulate": "congratulated",
    "congrats": "congratulated",
    "intro_made": "introduced",
    "refer": "referred",
    "referral_made": "referred",
    "gave_help": "helped",
    "asked_for_advice": "asked_advice",
    "asked_for_intro": "asked_intro",
    "asked_for_introduction": "asked_intro",
    "asked_introduction": "asked_intro",
    "asked_for_referral": "asked_referral",
    "asked_for_lead": "asked_lead",
    "asked_for_job_lead": "asked_lead",
    "got_help": "received_help",
    "got_intro": "received_intro",
    "got_referral": "received_referral",
    "got_lead": "received_lead",
    "job_lead": "received_lead",
    "lead": "received_lead",
    "declined": "declined_lead",
    "thanks": "thanked",
    "thank_you": "thanked",
    "said_thanks": "thanked",
    "checkin": "check_in",
    "check_in_call": "check_in",
    "catch_up": "check_in",
    "keep_in_touch": "check_in",
    "met": "first_meeting",
    "first_meet": "first_meeting",
}

AMBIGUOUS_KINDS: dict[str, tuple[str, ...]] = {
    "help": ("helped", "received_help"),
    "helping": ("helped", "received_help"),
    "introduction": ("introduced", "received_intro"),
    "intro": ("introduced", "asked_intro", "received_intro"),
    "referral": ("referred", "asked_referral", "received_referral"),
    "advice": ("helped", "asked_advice", "received_help"),
    "follow_up": ("followed_up_lead", "check_in"),
    "followed_up": ("followed_up_lead", "check_in"),
}
"""Kind words that could mean help given, asked for or received (or a lead's follow-up or a
plain check-in). Guessing would count a piece of help the wrong way round, so such a row is
refused with the kinds it could mean."""

KIND_DIRECTIONS: dict[str, str] = {
    "helped": "you helped them",
    "received_help": "they helped you",
    "introduced": "you introduced them to someone",
    "asked_intro": "you asked them for an introduction",
    "received_intro": "they introduced you to someone",
    "referred": "you referred them",
    "asked_referral": "you asked them for a referral",
    "received_referral": "they referred you",
    "asked_advice": "you asked them for advice",
    "followed_up_lead": "you followed up a lead they gave you",
    "check_in": "a keep-in-touch check-in",
}
"""Short meanings of the kinds an ambiguous word could be, for the message refusing it."""

# Who starts each kind when `initiated_by` is blank.
INITIATED_BY: tuple[str, ...] = ("me", "them")
DEFAULT_INITIATOR: dict[str, str] = {
    **{k: "me" for k in GIVE_KINDS + ASK_KINDS + FOLLOW_UP_KINDS + (THANKS_KIND,)},
    **{k: "them" for k in RECEIVED_KINDS},
    **{k: "me" for k in TOUCH_KINDS},
}
INITIATOR_ALIASES: dict[str, str] = {
    "me": "me",
    "i": "me",
    "myself": "me",
    "self": "me",
    "you": "me",
    "them": "them",
    "they": "them",
    "contact": "them",
    "other": "them",
}

# --- tiers (relationship layers, after Dunbar's ~5 / 15 / 50 / 150) ---------------------------
TIERS: tuple[str, ...] = ("inner", "close", "active", "outer")
TIER_LABELS: dict[str, str] = {
    "inner": "Inner circle (about 5 people)",
    "close": "Close (about 15)",
    "active": "Active (about 50)",
    "outer": "Outer (about 150, and everyone else)",
}
TIER_ALIASES: dict[str, str] = {
    "inner": "inner",
    "core": "inner",
    "1": "inner",
    "close": "close",
    "2": "close",
    "active": "active",
    "regular": "active",
    "3": "active",
    "outer": "outer",
    "wide": "outer",
    "wider": "outer",
    "acquaintance": "outer",
    "4": "outer",
    "": "outer",
}

TAG_SEPARATOR = ";"


def alias_key(value: str) -> str:
    """Fold a spreadsheet value to the form used as a key in the alias tables."""
    return "_".join(str(value).strip().lower().replace("-", " ").replace("/", " ").split())
