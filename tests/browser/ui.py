"""Texts of the interface as a user reads them, in English (the msgid) or Swedish.

Swedish is the default language, but a text shows in English until its translation lands, so
each pattern accepts both. Names of buttons and links match whole; messages match in part.
"""

from __future__ import annotations

import re


def exactly(*texts: str) -> re.Pattern[str]:
    """A whole accessible name, in any of the given languages (a field label may be lower case)."""
    return re.compile("^(?:" + "|".join(re.escape(text) for text in texts) + ")$", re.IGNORECASE)


def containing(*texts: str) -> re.Pattern[str]:
    """A text that contains any of the given phrases."""
    return re.compile("|".join(re.escape(text) for text in texts))


# Buttons and links.
LOG_IN = exactly("Log in", "Logga in")
LOG_OUT = re.compile(r"^(?:Log out|Logga ut)\b")
SAVE = exactly("Save", "Spara")
EDIT = exactly("Edit", "Ändra")
END = exactly("End", "Avsluta")
ORGANISATIONS = exactly("Organisations", "Organisationer")
NEW_ORGANISATION = exactly("New organisation", "Ny organisation")
PEOPLE = exactly("People", "Personer")
NEW_PERSON = exactly("New person", "Ny person")
BODIES = exactly("Bodies", "Organ")
ADD_MEMBER = exactly("Add member", "Lägg till ledamot")
SEND_FEEDBACK = exactly("Send feedback", "Skicka synpunkter")
ACCESSIBILITY_STATEMENT = exactly("Accessibility statement", "Tillgänglighetsredogörelse")
PERSONAL_DATA = exactly("Personal data", "Personuppgifter")
SEARCH = exactly("Search", "Sök")
GRANT_ROLE = exactly("Grant role", "Ge roll")
SEND_INVITATION = exactly("Send invitation", "Skicka inbjudan")
CREATE_TOKEN = exactly("Create token", "Skapa nyckel")
SKIP_TO_CONTENT = exactly("Skip to content", "Hoppa till innehållet")
ENGLISH = exactly("English")
SVENSKA = exactly("Svenska")

# Headings, landmarks and labels.
MAIN_MENU = exactly("Main menu", "Huvudmeny")
PAGES = exactly("Pages", "Sidor")
SEARCH_BY_NAME = exactly("Search by name", "Sök på namn")
HISTORY = exactly("History", "Historik")
FIELD = exactly("Field", "Fält")
BEFORE = exactly("Before", "Före")
AFTER = exactly("After", "Efter")
NAME = exactly("Name", "Namn")
SHORT_NAME = exactly("Short name", "Kortnamn")
ENDED_ON = exactly("Ended on", "Upphörde")
TO = exactly("To", "Till")
PRIVACY_TITLE = exactly("How we handle personal data", "Så hanterar vi personuppgifter")

# Messages.
ERROR_SUMMARY = containing("Please correct the following", "Rätta följande")
SAVED = containing("was saved", "sparades")
ENDED = containing("was ended", "avslutades")
THANK_YOU = containing("Thank you", "Tack")
LOCKED_OUT = containing("Too many failed attempts", "För många misslyckade försök")
WAIT_ONE_MINUTE = containing("Wait 1 minute ", "Vänta 1 minut ")
WRONG_PASSWORD = containing("Please enter a correct", "Ange ett korrekt")
NO_PEOPLE_FOUND = containing("No people found", "Inga personer hittades")
REQUIRED = containing("This field is required", "Detta fält måste fyllas i")
BY = containing(" by ", " av ")

# Passwords (django-allauth's pages, in its own Swedish).
FORGOT_PASSWORD = exactly("Forgot your password?", "Glömt lösenordet?")
RESET_MY_PASSWORD = exactly("Reset My Password", "Återställ mitt lösenord")
CHANGE_PASSWORD = exactly("Change Password", "Ändra lösenord")
MY_ACCOUNT = exactly("My account", "Mitt konto")
CHANGE_YOUR_PASSWORD = exactly("Change your password", "Byt lösenord")
SET_PASSWORD = exactly("Set password", "Spara lösenordet")
INVITATION_SENT = containing("The invitation was sent", "Inbjudan är skickad")
CONFIRM = exactly("Confirm", "Verifiera")
ACTIVATE = exactly("Activate", "Aktivera")
SIGN_IN = exactly("Sign In", "Logga in")

# The second factor's pages (django-allauth's, in its own Swedish).
TWO_FACTOR = exactly("Two-Factor Authentication", "Tvåfaktorsautentisering")
AUTHENTICATOR_APP = exactly("Authenticator App", "Autentiseringsapp")
SECURITY_KEYS = exactly("Security Keys", "Säkerhetsnycklar")
ADD = exactly("Add", "Lägg till")
ADD_SECURITY_KEY = exactly("Add Security Key", "Lägg till säkerhetsnyckel")
RECOVERY_CODES = exactly("Recovery Codes", "Återställningskoder")
USE_A_SECURITY_KEY = exactly("Use a security key", "Använd en säkerhetsnyckel")
