# Server part of swapnet-cluster: one export directory for every node,
# empty at the start (each node's `swapnetctl start` creates its own file).
# shellcheck shell=sh disable=SC3043
mkdir -p /export/nodes
rm -f /export/nodes/*
