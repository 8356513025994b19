"""Live meetings: participants contribute from their phones into a shared store; the coach accepts into the case."""
