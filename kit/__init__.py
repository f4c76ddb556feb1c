"""The kit: generic machinery of 产改通. It imports nothing from the domain apps."""
