"""Reaching a person and feedback votes, against the real trained model and server."""

import pytest

pytestmark = pytest.mark.server

CONTACT = {"utter_contact", "utter_contact_open", "utter_contact_closed"}


@pytest.mark.parametrize(
    "message",
    [
        "Can I talk to someone?",
        "human please",
        "call me",
        "can somebody from the clinic phone me back",
        "i wanna speak to a real persn",
        "when is the clinic open?",
    ],
)
def test_asking_for_a_person_gets_the_clinic_by_its_hours(server, sender, message):
    responses = server.ask(sender, message)
    assert responses and responses[0] in CONTACT, responses
    assert "utter_handoff_consent" not in responses, "no handoff address is set in the tests' settings"


def test_a_vote_is_kept_on_the_conversation_and_sms_rest_get_no_survey(server, sender):
    assert server.ask(sender, "what are the side effects of ldn") == ["utter_faq/side_effects"]
    vote = '/feedback{"feedback_vote": "down", "feedback_on": "utter_faq/side_effects"}'
    assert server.ask(sender, vote) == ["utter_feedback_thanks"], "the 'why' buttons are for the widget only"
    user = [e for e in server.tracker(sender)["events"] if e["event"] == "user"][-1]
    assert user["parse_data"]["intent"]["name"] == "feedback"
    entities = {e["entity"]: e["value"] for e in user["parse_data"]["entities"]}
    assert entities == {"feedback_vote": "down", "feedback_on": "utter_faq/side_effects"}
