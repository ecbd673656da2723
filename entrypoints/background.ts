export default defineBackground(() => {
  console.log('palimpsest background');
});
