"""Long work in the task queue (imports, exports, rendering) with a progress record the page
polls: `models` (Job), `queue.start` (create and enqueue), `runner` (handlers, execute)."""
