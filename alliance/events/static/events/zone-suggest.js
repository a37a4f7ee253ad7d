// The admin's event form: choosing the venue's country suggests its time zone, where the
// country has only one and the editor has not chosen another (events/admin_forms.py).
document.addEventListener("DOMContentLoaded", () => {
  const zone = document.querySelector("select[data-country-zones]");
  const country = zone && zone.form && zone.form.elements.namedItem("country");
  if (!country) return;
  const zones = JSON.parse(zone.dataset.countryZones);
  let suggested = "";
  country.addEventListener("change", () => {
    if (zone.value !== "" && zone.value !== suggested) return;
    const local = zones[country.value] || [];
    suggested = local.length === 1 ? local[0] : "";
    zone.value = suggested;
  });
});
