// The compare page: pick two versions, show the comparison the build rendered for them.
// Everything it shows was computed and escaped at build time by generator.changes (see
// sitebuild/compare.py); this script only keeps the pickers and the URL in step and fetches the
// chosen version's fragment file.
(() => {
  const root = document.getElementById("cs-compare");
  if (!root) return;
  const from = root.querySelector("#cs-compare-from");
  const to = root.querySelector("#cs-compare-to");
  const status = root.querySelector(".cs-compare-status");
  const result = root.querySelector(".cs-compare-result");
  const files = new Map(); // data URL → promise of {to class: fragment}
  const known = (select, name) => [...select.options].some((option) => option.value === name);
  let shown = 0; // the newest request wins: a slow fetch never overwrites a later choice

  function fragments(option) {
    const src = new URL(option.dataset.src, document.baseURI).href;
    if (!files.has(src)) {
      files.set(src, fetch(src).then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      }));
      files.get(src).catch(() => files.delete(src)); // a failed fetch is tried again next time
    }
    return files.get(src);
  }

  async function show(writeUrl) {
    const request = ++shown;
    if (writeUrl) {
      const url = new URL(location.href);
      url.searchParams.set("from", from.value);
      url.searchParams.set("to", to.value);
      history.replaceState(null, "", url);
    }
    if (from.value === to.value) {
      result.replaceChildren();
      status.textContent = "Pick two different versions.";
      root.dataset.compareState = "ready";
      return;
    }
    root.dataset.compareState = "loading";
    status.textContent = `Loading ${from.value} → ${to.value}…`;
    try {
      const found = await fragments(from.selectedOptions[0]);
      if (request !== shown) return;
      if (!(to.value in found)) {
        result.replaceChildren();
        status.textContent = `${from.value} and ${to.value} are of different providers: only versions of one provider's stacks are compared.`;
      } else {
        result.innerHTML = found[to.value]; // built and escaped by sitebuild/compare.py
        status.textContent = "";
      }
      root.dataset.compareState = "ready";
    } catch (error) {
      if (request !== shown) return;
      result.replaceChildren();
      status.textContent = `The comparison could not be loaded (${error.message}). Check the connection and pick the versions again.`;
      root.dataset.compareState = "error";
    }
  }

  const params = new URLSearchParams(location.search);
  const asked = [params.get("from"), params.get("to")];
  const unknown = asked.filter((name) => name && !known(from, name));
  if (asked[0] && known(from, asked[0])) from.value = asked[0];
  if (asked[1] && known(to, asked[1])) to.value = asked[1];
  else if (!asked[1]) {
    // Compare with the newest released version of the same provider by default: what an upgrade targets.
    const sameProvider = [...from.selectedOptions[0].parentElement.querySelectorAll("option")];
    const target = sameProvider.filter((o) => o.value !== from.value && !o.textContent.includes("(unreleased)")).pop();
    if (target) to.value = target.value;
  }
  from.addEventListener("change", () => show(true));
  to.addEventListener("change", () => show(true));
  show(false).then(() => {
    if (unknown.length) status.textContent = `No such version on this site: ${unknown.join(", ")}. ${status.textContent}`;
  });
})();
