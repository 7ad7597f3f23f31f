# Installation targets (owned by the packaging work; see README "Install").
