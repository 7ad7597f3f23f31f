# Server part of swapnet-two-nodes: one export directory for both nodes,
# empty at the start (each node's `swapnetctl start` creates its own file).
mkdir -p /export/nodes
rm -f /export/nodes/*
