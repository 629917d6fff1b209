"""Delete one patient's conversation (staff): make forget SENDER=...

    python -m scripts.forget +15550100123              an SMS number
    python -m scripts.forget whatsapp:+15550100123     a WhatsApp number
    python -m scripts.forget <conversation id>         e.g. a widget session or REST sender

A phone number is turned into its conversation id with SENDER_ID_SECRET (numbers
are never stored), so run it with the server's environment. Deletes the
conversation from the tracker database (LDN_TRACKER_URL) and the SMS state
(LDN_STATE_DIR), and prints what was deleted. Runs while the server is up.
"""

import argparse
import os
import re
import sys

from channels.privacy import sms_state
from channels.sender_id import normalize, sender_id
from ldn.privacy import forget_conversation, tracker_engine

_PHONE = re.compile(r"^(whatsapp:)?\+?[\d\s().-]{6,}$", re.I)


def conversation_id(sender: str) -> str:
    if _PHONE.match(sender.strip()) and any(ch.isdigit() for ch in normalize(sender)):
        secret = os.environ.get("SENDER_ID_SECRET", "").strip()
        if not secret:
            raise SystemExit("ERROR: a phone number needs SENDER_ID_SECRET (the server's) to find its conversation.")
        return sender_id(sender, secret)
    return sender.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sender", help="phone number, whatsapp:+number, or conversation id")
    args = parser.parse_args()
    if not args.sender.strip():
        parser.error("SENDER is empty")
    key = conversation_id(args.sender)
    deleted = forget_conversation(tracker_engine(), key)
    state = sms_state()
    if state is not None:
        deleted.sms_rows = state.forget(key)
    print(f"Deleted conversation {key}: {deleted.summary()}.")
    if not deleted.events and not deleted.sms_rows:
        print("(Nothing was stored for it: check the number or id, and SENDER_ID_SECRET.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
