"""Executive dashboard of the Ministry of Industry: the entry point only builds the shell."""
from components.plumbing.shell import run_app

run_app()
