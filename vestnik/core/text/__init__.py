"""Pure text tools: no Django imports here, so they are cheap to test and reuse."""
