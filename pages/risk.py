"""Placeholder: built by its issue."""
import streamlit as st

from components.shell import ensure_shell, require_data

ensure_shell()
require_data()
st.title("risk")
