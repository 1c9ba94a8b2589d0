"""Drive a command in a pseudo-terminal: wait for text, send keys. For blog's prompt tests.

usage: python3 pty-drive.py <cwd> <steps-json> -- <command...>
steps: [{"wait": "text"}, {"send": "keys"}, ...]; prints {"code", "output"} as JSON.
"""
import json, os, pty, select, sys, time

def main():
    cwd, steps = sys.argv[1], json.loads(sys.argv[2])
    cmd = sys.argv[sys.argv.index('--') + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.environ['TERM'] = 'xterm'
        os.environ['COLUMNS'] = '100'
        os.execvp(cmd[0], cmd)
    out = b''
    def read_for(seconds):
        nonlocal out
        end = time.time() + seconds
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                out += chunk
        return True
    for step in steps:
        if 'wait' in step:
            end = time.time() + 15
            needle = step['wait'].encode()
            while needle not in out and time.time() < end:
                if not read_for(0.1):
                    break
            if needle not in out:
                break
            out_mark = len(out)
        else:
            time.sleep(0.3)
            os.write(fd, step['send'].encode())
    deadline = time.time() + 15
    code = None
    while time.time() < deadline:
        read_for(0.1)
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            break
    read_for(0.2)
    if code is None:
        os.kill(pid, 9)
    print(json.dumps({'code': code, 'output': out.decode('utf-8', 'replace')}))

main()
