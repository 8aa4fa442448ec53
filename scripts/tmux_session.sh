#!/usr/bin/env bash
# Drive the installed `quizhinge` in a real terminal (tmux): answer a few cards
# of whatever kind comes up, end the session, reopen the app and check that the
# answers were kept. Exits non-zero, with the last screen, on any failure.
#
#   scripts/tmux_session.sh            # uses `quizhinge` from PATH
#   QUIZHINGE=.venv/bin/quizhinge scripts/tmux_session.sh
set -euo pipefail

app="${QUIZHINGE:-quizhinge}"
answers="${ANSWERS:-3}"
work="$(mktemp -d)"
db="$work/progress.db"
session="quizhinge-check-$$"

cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

screen() { tmux capture-pane -p -t "$session" 2>/dev/null || true; }

fail() {
  echo "FAIL: $*" >&2
  echo "---- last screen ----" >&2
  screen >&2
  exit 1
}

# Wait until the screen shows TEXT (a fixed string), for up to 20 seconds.
wait_for() {
  local text="$1"
  for _ in $(seq 200); do
    if screen | grep -qF -- "$text"; then return 0; fi
    sleep 0.1
  done
  fail "timed out waiting for: $text"
}

# Wait until TEXT is no longer on the screen.
wait_gone() {
  for _ in $(seq 200); do
    if ! screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  fail "timed out waiting for this to go: $1"
}

start() {
  tmux new-session -d -s "$session" -x 100 -y 32 "$app --db '$db' $*; sleep 60"
}

# Answer the card on screen by looking at what it asks for (once it is drawn).
answer_card() {
  local shown
  for _ in $(seq 200); do
    shown="$(screen)"
    if grep -qE "show the answer|True \(t\)|or click a choice|Type your answer|enter submits" \
      <<<"$shown"; then
      break
    fi
    sleep 0.1
  done
  if grep -qF "show the answer" <<<"$shown"; then
    # A self-graded card: reveal, grade, and the next card follows at once
    # (the grade's result stays on the last line, as in Anki).
    tmux send-keys -t "$session" Space
    wait_for "How well did you remember?"
    tmux send-keys -t "$session" 4
    wait_for "Last card"
    return 0
  elif grep -qF "True (t)" <<<"$shown"; then
    tmux send-keys -t "$session" t
  elif grep -qF "or click a choice" <<<"$shown"; then
    tmux send-keys -t "$session" 1
  elif grep -qF "Type your answer" <<<"$shown"; then
    tmux send-keys -t "$session" -l "hip hinge"
    tmux send-keys -t "$session" Enter
  elif grep -qF "enter submits" <<<"$shown"; then
    tmux send-keys -t "$session" Enter
  else
    fail "no card I know how to answer"
  fi
  wait_for "space or enter: continue"
  tmux send-keys -t "$session" Space
  wait_gone "space or enter: continue"
}

echo "1. study $answers cards"
start study
wait_for "End session"
for n in $(seq "$answers"); do
  wait_for "Done $((n - 1))"
  answer_card
done
wait_for "Done $answers"

echo "2. end the session mid-way: the summary counts every answer"
tmux send-keys -t "$session" q
wait_for "Session ended"  # stopped mid-way, so cards are left for today
screen | grep -qE "Cards answered +$answers\b" || fail "summary does not say $answers answered"
tmux send-keys -t "$session" q
sleep 0.5
tmux kill-session -t "$session" 2>/dev/null || true

echo "3. reopen: the home screen shows today's answers"
start
wait_for "Study all"
wait_for "$answers answered"
tmux send-keys -t "$session" s
wait_for "Today $answers answered"
tmux send-keys -t "$session" Escape q

echo "OK: answered $answers cards, quit, reopened, progress kept"
