"""Service-step coaching on screen (服务流程): the strip on the order screen, the "due now"
list on the floor, toasts for what just happened, the pre-shift briefing and the managers'
step editor, all fed by one poller of the steps due."""

from ui.coaching.briefing import BriefingScreen
from ui.coaching.due_list import DueList
from ui.coaching.later import LaterDialog
from ui.coaching.poller import CoachingPoller
from ui.coaching.step_editor import StepEditor
from ui.coaching.strip import CoachStrip
from ui.coaching.toasts import PromptToasts

__all__ = [
    "BriefingScreen",
    "CoachStrip",
    "CoachingPoller",
    "DueList",
    "LaterDialog",
    "PromptToasts",
    "StepEditor",
]
