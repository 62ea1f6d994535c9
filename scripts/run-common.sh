# What ./run.sh and ./cluster.sh both need; sourced by them from the project's root, not run on its own.

# The executable jar a module's build made.
jar() { # module
  local found
  found=$(ls "$1"/target/"$1"-*-exec.jar 2>/dev/null | head -n 1)
  [ -n "$found" ] || { echo "No $1/target/$1-*-exec.jar: build first (./run.sh without WEBIMS_NO_BUILD)" >&2; exit 1; }
  echo "$found"
}

# The console's Nodes page (docs/operator-console.md) reads these servers' management ports, each with the
# password its server generates into the data directory (read at each scrape, so a server started later is fine).
CONSOLE_NODES=()
console_node() { # name role management-port password-file
  local n=$(( ${#CONSOLE_NODES[@]} / 4 )) p="--webims.wwsf.console.nodes"
  CONSOLE_NODES+=("$p[$n].name=$1" "$p[$n].role=$2" "$p[$n].url=http://127.0.0.1:$3" "$p[$n].password-file=$4")
}
