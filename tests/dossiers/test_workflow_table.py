"""The workflow table itself: every row reachable, terminal states closed, no silent backwards moves."""

from __future__ import annotations

from backend.dossiers.demo import PATHS
from backend.dossiers.workflow import ACTION_LABELS, STATUS_LABELS, TERMINAL, TRANSITIONS, Action, Status

#: The only actions that move a dossier to an earlier stage, each deliberate.
BACKWARDS = {Action.request_supplement}
ORDER = [
    Status.submitted, Status.accepted, Status.in_processing, Status.supplemented,
    Status.approved, Status.result_ready, Status.completed,
]  # fmt: skip


def test_terminal_states_have_no_way_out() -> None:
    for state, _action in TRANSITIONS:
        assert state not in TERMINAL


def test_every_open_state_has_a_way_forward() -> None:
    for status in Status:
        if status not in TERMINAL:
            assert any(state == status for state, _ in TRANSITIONS), status


def test_every_state_is_reachable_from_submitted() -> None:
    reached, frontier = {Status.submitted}, [Status.submitted]
    while frontier:
        current = frontier.pop()
        for (state, _), rule in TRANSITIONS.items():
            if state == current and rule.to not in reached:
                reached.add(rule.to)
                frontier.append(rule.to)
    assert reached == set(Status)


def test_status_never_moves_backwards_except_through_explicit_actions() -> None:
    for (state, action), rule in TRANSITIONS.items():
        if state in ORDER and rule.to in ORDER and ORDER.index(rule.to) < ORDER.index(state):
            assert action in BACKWARDS, (state, action, rule.to)


def test_rules_that_need_input_say_so() -> None:
    assert TRANSITIONS[(Status.submitted, Action.return_incomplete)].needs_note
    assert all(
        TRANSITIONS[(s, Action.reject)].needs_note for s in (Status.in_processing, Status.supplemented)
    )
    assert TRANSITIONS[(Status.in_processing, Action.request_supplement)].pauses_clock
    assert TRANSITIONS[(Status.supplement_requested, Action.supplement)].resumes_clock
    assert TRANSITIONS[(Status.approved, Action.upload_result)].needs_result


def test_every_status_and_action_has_both_labels() -> None:
    assert set(STATUS_LABELS) == set(Status)
    assert {str(a) for a in Action} <= {str(a) for a in ACTION_LABELS}
    for vi, en in [*STATUS_LABELS.values(), *ACTION_LABELS.values()]:
        assert vi
        assert en
        assert vi != en


def test_the_demo_data_reaches_every_state() -> None:
    assert set(PATHS) == set(Status)
    for target, actions in PATHS.items():
        status = Status.submitted
        for action in actions:
            status = TRANSITIONS[(status, action)].to
        assert status == target


def test_desk_rows() -> None:
    """Papers and attendance never move the status; the handover completes a ready result only;
    withdrawal on request is staff's, with the request noted, and only before a decision."""
    from backend.dossiers.workflow import DESK_ACTIONS, Actor

    assert {Action.receive_papers, Action.record_attendance, Action.hand_over} == DESK_ACTIONS
    for (state, action), rule in TRANSITIONS.items():
        if action in (Action.receive_papers, Action.record_attendance):
            assert rule.to == state
            assert rule.desk
            assert rule.actors == {Actor.agency_staff}
        if action == Action.hand_over:
            assert (state, rule.to, rule.needs_handover) == (Status.result_ready, Status.completed, True)
        if action == Action.withdraw_on_request:
            assert state in (Status.accepted, Status.in_processing, Status.supplement_requested,
                             Status.supplemented)  # fmt: skip
            assert rule.to == Status.withdrawn
            assert rule.needs_note
            assert not rule.desk
            assert rule.actors == {Actor.agency_staff}
    assert not any(rule.desk for (_, a), rule in TRANSITIONS.items() if a not in DESK_ACTIONS)
